package queue

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/hibiken/asynq"
)

// Object is one object a batch's source lists.
type Object struct {
	Key  string
	ETag string
	// Transcript says the object is a transcript; anything else is
	// skipped and counted, except sidecars.
	Transcript bool
	// Sidecar says the object is a transcript's .meta.json, read with it.
	Sidecar bool
	// NoSidecar says the listing holds no sidecar for this transcript, so
	// the worker need not ask the store for one.
	NoSidecar bool
}

// Lister lists a batch's source, calling fn for every object page by page
// without holding the listing in memory.
type Lister func(ctx context.Context, fn func(Object) error) error

// Result counts what an enqueue run did.
type Result struct {
	Listed          int // objects listed
	Enqueued        int // new tasks
	AlreadyEnqueued int // tasks whose ID was taken (within the retention)
	Skipped         int // objects that are not transcripts
	Sidecars        int // .meta.json sidecars
	Calls           int // expected calls of the batch after this run
	// Summarize says the batch was already complete when the listing
	// ended, so a summary task was enqueued.
	Summarize bool
}

// Enqueuer enqueues batches: one call:analyze task per transcript, with
// the expected calls recorded in the bookkeeping first.
type Enqueuer struct {
	client *asynq.Client
	book   *Book
}

// NewEnqueuer returns an Enqueuer on an asynq client and the bookkeeping.
func NewEnqueuer(client *asynq.Client, book *Book) *Enqueuer {
	return &Enqueuer{client: client, book: book}
}

// chunkSize is how many calls are recorded in one Redis command before
// their tasks are enqueued.
const chunkSize = 500

// Enqueue lists a batch's source and enqueues one task per transcript,
// with TaskID(batch, key, ETag) and the options' retention, so that a
// rerun within the retention enqueues nothing new. Tasks are enqueued by
// opts.Workers goroutines at once. When the batch turns out complete
// already (every call finished before the listing was recorded), a
// batch:summarize task is enqueued.
func (e *Enqueuer) Enqueue(ctx context.Context, b Batch, list Lister, opts Options) (Result, error) {
	opts = opts.withDefaults()
	if err := CheckBatchID(b.ID); err != nil {
		return Result{}, err
	}
	if err := e.book.Begin(ctx, b, opts.Retention); err != nil {
		return Result{}, err
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	var enqueued, already atomic.Int64
	jobs := make(chan AnalyzePayload, 4*opts.Workers)
	var wg sync.WaitGroup
	// One spare attempt beyond --max-retry: see AnalyzePayload.MaxRetry.
	taskOpts := []asynq.Option{asynq.Queue(opts.Queue), SpareRetry(opts.MaxRetry), asynq.Timeout(opts.Timeout), asynq.Retention(opts.Retention)}
	for range opts.Workers {
		wg.Go(func() {
			for p := range jobs {
				t, err := NewAnalyzeTask(p)
				if err == nil {
					_, err = e.client.EnqueueContext(ctx, t, append(taskOpts, asynq.TaskID(TaskID(p.Batch, p.Key, p.ETag)))...)
				}
				switch {
				case err == nil:
					enqueued.Add(1)
				case errors.Is(err, asynq.ErrTaskIDConflict):
					already.Add(1)
				default:
					cancel(fmt.Errorf("batch %s: enqueue %s: %w", b.ID, p.Key, err))
				}
			}
		})
	}

	var res Result
	chunk := make([]AnalyzePayload, 0, chunkSize)
	flush := func() error {
		calls := make([]Call, len(chunk))
		for i, p := range chunk {
			calls[i] = Call{ID: p.Key, Key: p.Key}
		}
		if err := e.book.AddCalls(ctx, b.ID, calls, opts.Retention); err != nil {
			return err
		}
		for _, p := range chunk {
			select {
			case jobs <- p:
			case <-ctx.Done():
				return context.Cause(ctx)
			}
		}
		chunk = chunk[:0]
		return nil
	}
	ttl := int64(opts.Retention.Seconds())
	listErr := list(ctx, func(o Object) error {
		res.Listed++
		switch {
		case o.Sidecar:
			res.Sidecars++
			return nil
		case !o.Transcript:
			res.Skipped++
			return nil
		}
		chunk = append(chunk, AnalyzePayload{Batch: b.ID, Source: b.Source, Key: o.Key, ETag: o.ETag, Reports: b.Reports, TTLSeconds: ttl, MaxRetry: &opts.MaxRetry, NoSidecar: o.NoSidecar})
		if len(chunk) == chunkSize {
			return flush()
		}
		return nil
	})
	if listErr == nil && len(chunk) > 0 {
		listErr = flush()
	}
	close(jobs)
	wg.Wait()
	res.Enqueued, res.AlreadyEnqueued = int(enqueued.Load()), int(already.Load())
	if cause := context.Cause(ctx); cause != nil {
		return res, cause
	}
	if listErr != nil {
		return res, fmt.Errorf("batch %s: list %s: %w", b.ID, b.Source, listErr)
	}

	p, err := e.book.Listed(ctx, b.ID, res, opts.Retention)
	if err != nil {
		return res, err
	}
	res.Calls = p.Calls
	if p.NeedsSummary() {
		if err := e.EnqueueSummary(ctx, b.ID, opts); err != nil {
			return res, err
		}
		res.Summarize = true
	}
	return res, nil
}

// EnqueueSummary enqueues the batch:summarize task of a batch, with
// opts.MaxRetry retries and one spare attempt (see
// SummarizePayload.MaxRetry).
func (e *Enqueuer) EnqueueSummary(ctx context.Context, batch string, opts Options) error {
	opts = opts.withDefaults()
	t, err := NewSummarizeTask(SummarizePayload{Batch: batch, MaxRetry: &opts.MaxRetry})
	if err != nil {
		return err
	}
	if _, err := e.client.EnqueueContext(ctx, t, asynq.Queue(opts.Queue), SpareRetry(opts.MaxRetry), asynq.Timeout(opts.Timeout)); err != nil {
		return fmt.Errorf("batch %s: enqueue summary: %w", batch, err)
	}
	return nil
}
