package queue

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hibiken/asynq"
)

// DateVar is replaced in a scheduled source and batch ID by the day
// before the task runs, as YYYY-MM-DD in the schedule's time zone.
const DateVar = "{date}"

// DefaultNightlyID is the batch ID of a scheduled batch.
const DefaultNightlyID = "nightly-" + DateVar

// Expand returns the batch a batch:enqueue payload stands for at now:
// {date} in the source, reports and batch ID becomes the previous day in
// the payload's time zone (UTC when empty).
func (p EnqueuePayload) Expand(now time.Time) (Batch, error) {
	loc, err := loadTZ(p.TZ)
	if err != nil {
		return Batch{}, err
	}
	date := now.In(loc).AddDate(0, 0, -1).Format("2006-01-02")
	id := p.BatchID
	if id == "" {
		id = DefaultNightlyID
	}
	b := Batch{
		ID:      strings.ReplaceAll(id, DateVar, date),
		Source:  strings.ReplaceAll(p.Source, DateVar, date),
		Reports: strings.ReplaceAll(p.Reports, DateVar, date),
	}
	if err := CheckBatchID(b.ID); err != nil {
		return Batch{}, err
	}
	return b, nil
}

func loadTZ(name string) (*time.Location, error) {
	if name == "" {
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("time zone %q: %w", name, err)
	}
	return loc, nil
}

// Schedule registers one batch:enqueue task with asynq's Scheduler on a
// cron spec (read in the payload's time zone) and runs the scheduler until
// ctx ends. The workers run the task: they list the source and enqueue the
// batch.
func Schedule(ctx context.Context, redis asynq.RedisConnOpt, cron string, p EnqueuePayload, logger asynq.Logger, level asynq.LogLevel) error {
	loc, err := loadTZ(p.TZ)
	if err != nil {
		return err
	}
	if _, err := p.Expand(time.Now()); err != nil {
		return err
	}
	t, err := NewEnqueueTask(p)
	if err != nil {
		return err
	}
	opts := p.Options.withDefaults()
	s := asynq.NewScheduler(redis, &asynq.SchedulerOpts{Location: loc, Logger: logger, LogLevel: level})
	if _, err := s.Register(cron, t, asynq.Queue(opts.Queue), SpareRetry(opts.MaxRetry), asynq.Timeout(time.Hour)); err != nil {
		return fmt.Errorf("cron spec %q: %w", cron, err)
	}
	if err := s.Start(); err != nil {
		return fmt.Errorf("start scheduler: %w", err)
	}
	<-ctx.Done()
	s.Shutdown()
	return nil
}
