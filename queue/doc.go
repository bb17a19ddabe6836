// Package queue is the Redis side of a batch: the task types and their
// payloads, enqueueing a batch with one deduplicated task per transcript,
// the per-call batch bookkeeping, the nightly scheduler and the Redis
// connection options.
//
// It never reads a transcript or writes a report: listing a source and
// processing tasks belong to the worker package, which hands it what to
// enqueue.
package queue
