// Package worker turns tasks into reports: the asynq handlers that fetch a
// transcript from a Store, parse and analyze it, and write its JSON and
// HTML reports; the batch bookkeeping's use and the batch summary; the
// Store interface with its S3 and local-folder implementations; logging
// and metrics of a worker process.
//
// It never logs transcript text or credentials.
package worker
