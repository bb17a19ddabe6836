// Package testservers starts the real servers that integration tests run
// against: redis-server and MinIO on loopback ports chosen at run time,
// each with its own data folder and stopped when the test ends, and finds
// the Chromium that page tests drive.
//
// A missing binary skips the test saying what to install, or fails it
// when CI=true. The package is for tests: production code must not
// import it; the benchmark, which is not a test, uses Lookup and MinioReady
// alone.
package testservers
