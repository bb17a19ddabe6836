package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/calltrust/calltrust/queue"
	"github.com/calltrust/calltrust/worker"
	"github.com/hibiken/asynq"
)

// enqueueResult is one enqueue of n tasks and its rerun.
type enqueueResult struct {
	first, rerun         time.Duration
	enqueued, duplicates int
}

// measureEnqueue enqueues n call:analyze tasks against redis-server with
// the code `calltrust enqueue` runs (bookkeeping, task IDs, the default
// enqueue workers), from a listing held in memory so that listing is not
// timed. It then enqueues the same batch again: every task ID is taken,
// so nothing new is enqueued.
func measureEnqueue(ctx context.Context, r *redis, n int) (enqueueResult, error) {
	var res enqueueResult
	if err := r.flush(); err != nil {
		return res, err
	}
	conn, err := queue.ParseRedisURL(r.URL())
	if err != nil {
		return res, err
	}
	rdb, err := queue.NewRedisClient(conn)
	if err != nil {
		return res, err
	}
	book := queue.NewBook(rdb)
	defer book.Close()
	client := asynq.NewClient(conn)
	defer client.Close()
	e := queue.NewEnqueuer(client, book)
	list := func(ctx context.Context, fn func(queue.Object) error) error {
		for i := range n {
			o := queue.Object{Key: fmt.Sprintf("2026-11-21/call-%06d.vtt", i), ETag: fmt.Sprintf("%016x", i*7919), Transcript: true}
			if err := fn(o); err != nil {
				return err
			}
		}
		return nil
	}
	b := queue.Batch{ID: "bench-enqueue", Source: "s3://bench/calls/", Reports: "s3://bench/reports/"}
	for round := range 2 {
		start := time.Now()
		got, err := e.Enqueue(ctx, b, list, queue.DefaultOptions())
		took := time.Since(start)
		if err != nil {
			return res, err
		}
		if round == 0 {
			res.first, res.enqueued = took, got.Enqueued
		} else {
			res.rerun, res.duplicates = took, got.AlreadyEnqueued
		}
	}
	if res.enqueued != n || res.duplicates != n {
		return res, fmt.Errorf("enqueue: %d enqueued, then %d already enqueued; want %d and %d", res.enqueued, res.duplicates, n, n)
	}
	return res, r.flush()
}

// measureListing lists a local folder of n tiny transcripts in 100
// subfolders with the worker's LocalStore, the Store `calltrust enqueue`
// lists a folder source with.
func measureListing(ctx context.Context, dir string, n int) (time.Duration, error) {
	per := max(1, n/100)
	for i := range n {
		p := filepath.Join(dir, fmt.Sprintf("2026-%03d", i/per), fmt.Sprintf("call-%06d.vtt", i))
		if i%per == 0 {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return 0, err
			}
		}
		if err := os.WriteFile(p, []byte("WEBVTT\n"), 0o644); err != nil {
			return 0, err
		}
	}
	st := worker.NewLocalStore(dir)
	start := time.Now()
	got := 0
	err := st.List(ctx, "", func(o worker.Object) error {
		if worker.IsTranscriptKey(o.Key) {
			got++
		}
		return nil
	})
	took := time.Since(start)
	if err != nil {
		return 0, err
	}
	if got != n {
		return 0, fmt.Errorf("listing: %d objects, want %d", got, n)
	}
	return took, nil
}
