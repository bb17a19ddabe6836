package main

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/calltrust/calltrust/queue"
)

func runStatus(e *env, args []string) error {
	fs := newFlags(e, "status", "", "Print a batch's pending, done and failed counts from Redis, also while it runs.")
	batch := fs.String("batch", "", "batch ID (required)")
	redisURL := fs.String("redis", defaultRedis, redisFlagHelp)
	redisCA := addRedisCAFlag(fs)
	asJSON := fs.Bool("json", false, "print the counts as JSON")
	pos, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usageErr("status takes no arguments, got %q", pos)
	}
	if err := queue.CheckBatchID(*batch); err != nil {
		return usageErr("--batch: %v", err)
	}
	_, book, err := openRedisCA(*redisURL, *redisCA)
	if err != nil {
		return err
	}
	defer book.Close()
	ctx, stop := signalContext()
	defer stop()
	if err := checkRedis(ctx, book, *redisURL); err != nil {
		return err
	}
	p, err := book.Progress(ctx, *batch)
	if errors.Is(err, queue.ErrNoBatch) {
		return fmt.Errorf("batch %s is not in Redis: never enqueued there, or older than its retention", *batch)
	}
	if err != nil {
		return err
	}
	info, err := book.Info(ctx, *batch)
	if err != nil {
		return err
	}
	state := "running"
	switch {
	case !p.Listed:
		state = "listing"
	case p.Complete():
		state = "complete"
	}
	if *asJSON {
		b, err := json.MarshalIndent(map[string]any{
			"batch": *batch, "state": state, "calls": p.Calls, "pending": p.Pending(),
			"done": p.Done, "failed": p.Failed, "skipped": info.Skipped,
			"source": info.Source, "reports": info.Reports,
		}, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.stdout, "%s\n", b)
		return err
	}
	fmt.Fprintf(e.stdout, "batch %s (%s): %d calls\n", *batch, state, p.Calls)
	fmt.Fprintf(e.stdout, "  pending: %d\n  done:    %d\n  failed:  %d\n", p.Pending(), p.Done, p.Failed)
	if info.Skipped > 0 {
		fmt.Fprintf(e.stdout, "  skipped: %d (not transcripts)\n", info.Skipped)
	}
	if !p.Listed {
		fmt.Fprintln(e.stdout, "  the source is still being listed: more calls may come")
	}
	return nil
}
