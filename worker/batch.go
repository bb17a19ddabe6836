package worker

import (
	"context"
	"strings"
	"time"

	"github.com/calltrust/calltrust/analyze"
	"github.com/calltrust/calltrust/queue"
	"github.com/hibiken/asynq"
)

// ListSource returns the listing of a batch's source store for the
// enqueuer: every object, marked as a transcript, a sidecar or neither.
func ListSource(src Store) queue.Lister {
	return func(ctx context.Context, fn func(queue.Object) error) error {
		return src.List(ctx, "", func(o Object) error {
			return fn(queue.Object{
				Key:        o.Key,
				ETag:       o.ETag,
				Sidecar:    strings.HasSuffix(strings.ToLower(o.Key), analyze.MetaSuffix),
				Transcript: IsTranscriptKey(o.Key),
			})
		})
	}
}

// EnqueueBatch lists a batch's source and enqueues it.
func EnqueueBatch(ctx context.Context, enq *queue.Enqueuer, stores *Stores, b queue.Batch, opts queue.Options) (queue.Result, error) {
	src, err := stores.Open(ctx, b.Source)
	if err != nil {
		return queue.Result{}, err
	}
	return enq.Enqueue(ctx, b, ListSource(src), opts)
}

// ProcessEnqueue handles batch:enqueue, the task the scheduler fires: it
// expands {date} to the previous day and enqueues that batch. The task
// has a spare attempt (see queue.EnqueuePayload): a listing whose worker
// died on the last real attempt would otherwise leave the batch listing
// for ever. The spare attempt lists and enqueues again, which is safe:
// enqueueing is deduplicated by task ID and the bookkeeping is per call.
func (h *Handler) ProcessEnqueue(ctx context.Context, t *asynq.Task) error {
	start := time.Now()
	var p queue.EnqueuePayload
	if err := queue.Decode(t, &p); err != nil {
		h.Log.Error().Err(err).Str("task", t.Type()).Msg("task dropped")
		return permanent(err)
	}
	now := time.Now
	if h.Now != nil {
		now = h.Now
	}
	b, err := p.Expand(now())
	if err != nil {
		h.logTask(t.Type(), "", "", start, OutcomeFailed, 0, err)
		return permanent(err)
	}
	at := attemptOf(ctx, &p.Options.MaxRetry)
	res, err := EnqueueBatch(ctx, h.Enqueuer, h.Stores, b, p.Options)
	outcome := OutcomeDone
	if err != nil {
		outcome = OutcomeRetry
		if at.last() {
			outcome = OutcomeFailed
		}
	}
	ev := h.Log.Info()
	if err != nil {
		ev = h.Log.Warn().Str("reason", err.Error())
	}
	ev.Str("task", t.Type()).Str("batch", b.ID).Str("source", b.Source).
		Int64("duration_ms", time.Since(start).Milliseconds()).Str("outcome", outcome).
		Int("enqueued", res.Enqueued).Int("already_enqueued", res.AlreadyEnqueued).Int("skipped", res.Skipped).
		Msg("task")
	h.Metrics.observe(t.Type(), outcome, time.Since(start))
	if outcome == OutcomeFailed {
		return permanent(err) // the spare attempt is for a worker that dies
	}
	return err
}

// ProcessSummarize handles batch:summarize: it writes the batch summary.
// The task has a spare attempt (see queue.SummarizePayload): a summary
// whose worker died on the last real attempt would otherwise never be
// written. The spare attempt writes it again, which is safe as the
// summary is rewritten whole from the bookkeeping.
func (h *Handler) ProcessSummarize(ctx context.Context, t *asynq.Task) error {
	start := time.Now()
	var p queue.SummarizePayload
	if err := queue.Decode(t, &p); err != nil {
		h.Log.Error().Err(err).Str("task", t.Type()).Msg("task dropped")
		return permanent(err)
	}
	at := attemptOf(ctx, p.MaxRetry)
	_, err := h.Summarize(ctx, p.Batch)
	outcome := OutcomeDone
	if err != nil {
		outcome = OutcomeRetry
		if at.last() {
			outcome = OutcomeFailed
		}
	}
	h.logTask(t.Type(), p.Batch, "", start, outcome, 0, err)
	h.Metrics.observe(t.Type(), outcome, time.Since(start))
	if outcome == OutcomeFailed {
		return permanent(err) // the spare attempt is for a worker that dies
	}
	return err
}
