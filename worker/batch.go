package worker

import (
	"context"
	"strings"
	"time"

	"github.com/calltrust/calltrust/analyze/transcript"
	"github.com/calltrust/calltrust/queue"
	"github.com/hibiken/asynq"
)

// ListSource returns the listing of a batch's source store for the
// enqueuer: every object, marked as a transcript, a sidecar or neither,
// and each transcript marked when the listing holds no sidecar for it, so
// that its worker does not ask the store for one.
//
// Stores list keys in byte order, where a transcript's sidecar (its key
// plus ".meta.json") comes after it, with only keys that start with the
// transcript's key between the two. So a transcript is held back until a
// key that does not start with its key is listed, by which time its
// sidecar has been seen or is not there. Should a store ever list out of
// order, no transcript is marked from there on: the workers look.
func ListSource(src Store) queue.Lister {
	return func(ctx context.Context, fn func(queue.Object) error) error {
		l := sidecarLookahead{emit: fn}
		err := src.List(ctx, "", func(o Object) error {
			return l.add(queue.Object{
				Key:        o.Key,
				ETag:       o.ETag,
				Sidecar:    strings.HasSuffix(strings.ToLower(o.Key), transcript.MetaSuffix),
				Transcript: IsTranscriptKey(o.Key),
			})
		})
		if err != nil {
			return err
		}
		return l.flush("")
	}
}

// sidecarLookahead holds listed transcripts until it is known whether
// their sidecars are listed too. held is a chain: each key starts with the
// key before it.
type sidecarLookahead struct {
	emit      func(queue.Object) error
	held      []heldTranscript
	last      string
	unordered bool
}

type heldTranscript struct {
	queue.Object
	sidecar bool
}

func (l *sidecarLookahead) add(o queue.Object) error {
	if o.Key < l.last {
		l.unordered = true
	}
	l.last = o.Key
	if err := l.flush(o.Key); err != nil {
		return err
	}
	if o.Sidecar {
		want := strings.TrimSuffix(o.Key, transcript.MetaSuffix)
		for i := range l.held {
			if l.held[i].Key == want {
				l.held[i].sidecar = true
			}
		}
	}
	if !o.Transcript || l.unordered {
		return l.emit(o)
	}
	l.held = append(l.held, heldTranscript{Object: o})
	return nil
}

// flush lets go of the held transcripts whose key next does not start
// with: their sidecars would have been listed before next. "" lets go of
// all.
func (l *sidecarLookahead) flush(next string) error {
	for n := len(l.held); n > 0; n = len(l.held) {
		h := l.held[n-1]
		if next != "" && strings.HasPrefix(next, h.Key) && !l.unordered {
			return nil
		}
		l.held = l.held[:n-1]
		h.NoSidecar = !h.sidecar && !l.unordered
		if err := l.emit(h.Object); err != nil {
			return err
		}
	}
	return nil
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
