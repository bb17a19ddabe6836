package queue

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hibiken/asynq"
	"github.com/robfig/cron/v3"
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
// batch. A run whose task Redis refuses (a failover or a restart under
// way) is tried again until the next run is due, and for at least
// scheduleRetryFor, see retryEnqueue.
func Schedule(ctx context.Context, redis asynq.RedisConnOpt, spec string, p EnqueuePayload, logger asynq.Logger, level asynq.LogLevel) error {
	loc, err := loadTZ(p.TZ)
	if err != nil {
		return err
	}
	if _, err := p.Expand(time.Now()); err != nil {
		return err
	}
	// asynq's Scheduler reads specs with the same standard parser.
	sched, err := cron.ParseStandard(spec)
	if err != nil {
		return fmt.Errorf("cron spec %q: %w", spec, err)
	}
	t, err := NewEnqueueTask(p)
	if err != nil {
		return err
	}
	opts := p.Options.withDefaults()
	taskOpts := []asynq.Option{asynq.Queue(opts.Queue), SpareRetry(opts.MaxRetry), asynq.Timeout(time.Hour)}
	retry := asynq.NewClient(redis)
	defer retry.Close()
	s := asynq.NewScheduler(redis, &asynq.SchedulerOpts{
		Location: loc, Logger: logger, LogLevel: level,
		// asynq drops a run it could not enqueue without a word.
		PostEnqueueFunc: func(_ *asynq.TaskInfo, err error) {
			if err != nil {
				now := time.Now().In(loc)
				until := sched.Next(now)
				if min := now.Add(scheduleRetryFor); until.Before(min) {
					until = min
				}
				_ = retryEnqueue(ctx, retry, t, taskOpts, err, until, logger)
			}
		},
	})
	if _, err := s.Register(spec, t, taskOpts...); err != nil {
		return fmt.Errorf("cron spec %q: %w", spec, err)
	}
	if err := s.Start(); err != nil {
		return fmt.Errorf("start scheduler: %w", err)
	}
	<-ctx.Done()
	s.Shutdown()
	return nil
}

// Waits between two attempts to enqueue a scheduled run that Redis
// refused: from the first, doubling up to the last. A Sentinel failover
// or a Redis restart takes seconds.
const (
	scheduleRetryFirstWait = 250 * time.Millisecond
	scheduleRetryMaxWait   = 10 * time.Second
)

// scheduleRetryFor is the least time a scheduled run is tried again, even
// when the next run is due sooner: longer than a failover, so that a
// short cron interval does not give up on each run in turn. Runs tried at
// once do no harm, enqueueing a batch is deduplicated.
const scheduleRetryFor = time.Minute

// retryEnqueue enqueues a scheduled task again after Redis refused it
// with firstErr, waiting longer each time, until it is enqueued, ctx ends
// or the next wait would pass until (when the next run is due and takes
// over). A failover or a restart of Redis at the moment of a run thus
// delays the batch instead of losing it; a task enqueued twice does no
// harm, as enqueueing a batch is deduplicated. Every attempt is logged
// on logger, which may be nil.
func retryEnqueue(ctx context.Context, c *asynq.Client, t *asynq.Task, opts []asynq.Option, firstErr error, until time.Time, logger asynq.Logger) error {
	if logger == nil {
		logger = nopLogger{}
	}
	say := func(level func(...any), format string, args ...any) { level(fmt.Sprintf(format, args...)) }
	say(logger.Warn, "scheduled %s not enqueued: %v; trying again until %s", t.Type(), firstErr, until.Format(time.RFC3339))
	err := firstErr
	wait := scheduleRetryFirstWait
	for attempt := 2; ; attempt++ {
		if time.Now().Add(wait).After(until) {
			say(logger.Error, "scheduled %s not enqueued after %d attempts: %v; the next run is at %s", t.Type(), attempt-1, err, until.Format(time.RFC3339))
			return fmt.Errorf("enqueue scheduled %s: %w", t.Type(), err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("enqueue scheduled %s: %w", t.Type(), context.Cause(ctx))
		case <-time.After(wait):
		}
		var ti *asynq.TaskInfo
		if ti, err = c.EnqueueContext(ctx, t, opts...); err == nil {
			say(logger.Info, "scheduled %s enqueued as task %s at attempt %d", t.Type(), ti.ID, attempt)
			return nil
		}
		wait = min(2*wait, scheduleRetryMaxWait)
	}
}

// nopLogger is an asynq.Logger that says nothing.
type nopLogger struct{}

func (nopLogger) Debug(...any) {}
func (nopLogger) Info(...any)  {}
func (nopLogger) Warn(...any)  {}
func (nopLogger) Error(...any) {}
func (nopLogger) Fatal(...any) {}
