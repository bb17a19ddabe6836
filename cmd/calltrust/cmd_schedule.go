package main

import (
	"fmt"
	"time"

	"github.com/calltrust/calltrust/queue"
	"github.com/calltrust/calltrust/worker"
	"github.com/robfig/cron/v3"
)

func runSchedule(e *env, args []string) error {
	fs := newFlags(e, "schedule", "DIR|s3://...", "Enqueue the source periodically with asynq's scheduler: on each --cron tick a worker lists the source ({date} in it is the previous day in --tz) and enqueues batch --batch. Runs until SIGTERM or SIGINT.")
	spec := fs.String("cron", "", "cron spec, e.g. \"0 2 * * *\" (required)")
	redisURL := fs.String("redis", defaultRedis, redisFlagHelp)
	redisCA := addRedisCAFlag(fs)
	reports := fs.String("reports", "", "where the reports go: s3://bucket/prefix/ or a folder (required)")
	batch := fs.String("batch", queue.DefaultNightlyID, "batch ID; {date} is the previous day")
	tz := fs.String("tz", "UTC", "time zone of the cron spec and of {date}")
	logLevel := fs.String("log-level", "info", "debug, info, warn or error")
	tf := addTaskFlags(fs)
	storeOpts := addStoreFlags(fs)
	pos, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("schedule takes one source (a folder or s3://bucket/prefix/{date}/), got %d arguments", len(pos))
	}
	if *spec == "" {
		return usageErr("--cron is required")
	}
	if *reports == "" {
		return usageErr("--reports is required")
	}
	loc, err := time.LoadLocation(*tz)
	if err != nil {
		return usageErr("--tz: %v", err)
	}
	sched, err := cron.ParseStandard(*spec)
	if err != nil {
		return usageErr("--cron %q: %v", *spec, err)
	}
	p := queue.EnqueuePayload{Source: storeURL(pos[0]), Reports: storeURL(*reports), BatchID: *batch, TZ: *tz, Options: tf.options()}
	if _, err := p.Expand(time.Now()); err != nil {
		return usageErr("--batch: %v", err)
	}
	log, err := worker.NewLogger(e.stderr, *logLevel, worker.IsTerminal(e.stderr))
	if err != nil {
		return usageErr("--log-level: %v", err)
	}
	conn, book, err := openRedisCA(*redisURL, *redisCA)
	if err != nil {
		return err
	}
	defer book.Close()
	ctx, stop := signalContext()
	defer stop()
	// The workers list the source and write the reports; checked here on
	// the part of each location before {date}, with this command's S3
	// settings.
	if err := checkRedis(ctx, book, *redisURL); err != nil {
		return err
	}
	if err := checkReadable(ctx, prefixBefore(p.Source), *storeOpts); err != nil {
		return err
	}
	if err := checkWritable(ctx, prefixBefore(p.Reports), *storeOpts); err != nil {
		return err
	}
	next := sched.Next(time.Now().In(loc))
	fmt.Fprintf(e.stdout, "scheduled %s %q (%s): next at %s enqueues batch %s\n", queue.TypeEnqueue, *spec, *tz, next.Format(time.RFC3339), mustExpand(p, next))
	return queue.Schedule(ctx, conn, *spec, p, worker.AsynqLogger(log), worker.AsynqLevel(log.GetLevel()))
}

// mustExpand names the batch a payload stands for at t.
func mustExpand(p queue.EnqueuePayload, t time.Time) string {
	b, err := p.Expand(t)
	if err != nil {
		return "?"
	}
	return b.ID
}
