package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/calltrust/calltrust/analyze"
	"github.com/calltrust/calltrust/lexicons"
	"github.com/calltrust/calltrust/queue"
	"github.com/hibiken/asynq"
	"github.com/rs/zerolog"
)

// DefaultMaxBytes is the size cap on one transcript.
const DefaultMaxBytes = 64 << 20

// maxSidecarBytes is the size cap on a .meta.json sidecar.
const maxSidecarBytes = 1 << 20

// Outcomes of one task, in logs and metrics.
const (
	OutcomeDone   = "done"   // the call has its reports
	OutcomeFailed = "failed" // recorded as a failure, not retried
	OutcomeRetry  = "retry"  // a transient error; asynq retries it
)

// Handler processes calltrust's tasks: call:analyze, batch:enqueue and
// batch:summarize. The same Handler runs in `calltrust worker` and in the
// in-process `calltrust run`.
type Handler struct {
	Book     *queue.Book
	Enqueuer *queue.Enqueuer
	Stores   *Stores
	Lexicons *lexicons.Set
	// MaxBytes caps a transcript's size; 0 means DefaultMaxBytes.
	MaxBytes int64
	// Queue is where fallback summary tasks go; "" is the default queue.
	Queue   string
	Log     zerolog.Logger
	Metrics *Metrics // nil: none
	// Now is the clock batch:enqueue expands {date} with; nil is time.Now.
	Now func() time.Time
}

// Mux routes each task type to its handler.
func (h *Handler) Mux() *asynq.ServeMux {
	mux := asynq.NewServeMux()
	mux.HandleFunc(queue.TypeAnalyze, h.ProcessAnalyze)
	mux.HandleFunc(queue.TypeEnqueue, h.ProcessEnqueue)
	mux.HandleFunc(queue.TypeSummarize, h.ProcessSummarize)
	return mux
}

// permanentError is a failure that no retry can fix. It wraps
// asynq.SkipRetry, so asynq archives the task at once, while its message
// stays the reason alone.
type permanentError struct{ err error }

func (e *permanentError) Error() string   { return e.err.Error() }
func (e *permanentError) Unwrap() []error { return []error{e.err, asynq.SkipRetry} }

// permanent marks err as not worth retrying.
func permanent(err error) error { return &permanentError{err} }

// IsPermanent reports whether err will not be retried.
func IsPermanent(err error) bool { return errors.Is(err, asynq.SkipRetry) }

// ProcessAnalyze handles call:analyze: read the transcript and its
// sidecar, parse, analyze, write the JSON and HTML reports, and record the
// call as done. A permanent failure (a transcript that cannot parse, one
// over the size cap, a refused key, a bad sidecar, not a conversation) is
// recorded as failed with its reason and archived; a transient one (S3,
// Redis, timeouts) is retried, and recorded as failed on the last
// attempt. The call that completes its batch writes the batch summary.
func (h *Handler) ProcessAnalyze(ctx context.Context, t *asynq.Task) error {
	start := time.Now()
	var p queue.AnalyzePayload
	if err := queue.Decode(t, &p); err != nil {
		h.Log.Error().Err(err).Str("task", t.Type()).Msg("task dropped")
		return permanent(err)
	}
	flags, err := h.analyze(ctx, p)
	outcome, status, reason := OutcomeDone, queue.StatusDone, ""
	if err != nil {
		outcome, status, reason = OutcomeFailed, queue.StatusFailed, err.Error()
		if !IsPermanent(err) {
			if lastAttempt(ctx) {
				reason = fmt.Sprintf("gave up after %d attempts: %s", attempts(ctx), err)
			} else {
				outcome = OutcomeRetry
			}
		}
	}
	if outcome != OutcomeRetry {
		prog, markErr := h.Book.Mark(ctx, p.Batch, p.Key, status, reason, p.TTL())
		if markErr == nil && prog.NeedsSummary() {
			markErr = h.finishBatch(ctx, p.Batch)
		}
		if markErr != nil {
			// The mark (or the summary) is what makes the call count:
			// retry the whole task, which is idempotent.
			outcome, err = OutcomeRetry, markErr
		}
	}
	h.logTask(t.Type(), p.Batch, p.Key, start, outcome, flags, err)
	h.Metrics.observe(t.Type(), outcome, time.Since(start))
	if outcome == OutcomeDone {
		return nil
	}
	return err
}

// analyze does the work of one call and returns its flag count.
func (h *Handler) analyze(ctx context.Context, p queue.AnalyzePayload) (int, error) {
	src, err := h.Stores.Open(ctx, p.Source)
	if err != nil {
		return 0, err
	}
	reports, err := h.Stores.Open(ctx, p.Reports)
	if err != nil {
		return 0, err
	}
	limit := h.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	data, err := src.Get(ctx, p.Key, limit)
	if err != nil {
		return 0, classifyStore(err)
	}
	var meta *analyze.Meta
	sidecar := p.Key + analyze.MetaSuffix
	if mdata, err := src.Get(ctx, sidecar, maxSidecarBytes); err == nil {
		m, err := analyze.ParseMeta(sidecar, mdata)
		if err != nil {
			return 0, permanent(err)
		}
		meta = &m
	} else if !errors.Is(err, ErrNotFound) {
		return 0, classifyStore(err)
	}

	call, err := analyze.Parse(p.Key, data)
	if err != nil {
		return 0, permanent(err)
	}
	call.ID = p.Key
	call.Source = joinSource(p.Source, p.Key)
	if meta != nil {
		if err := call.ApplyMeta(*meta); err != nil {
			return 0, permanent(fmt.Errorf("sidecar %s: %w", sidecar, err))
		}
	}
	rep, err := analyze.Analyze(call, h.Lexicons, analyze.Options{})
	if err != nil {
		return 0, permanent(err)
	}
	js, err := MarshalReport(rep)
	if err != nil {
		return 0, permanent(err)
	}
	page, err := CallPage(rep, call)
	if err != nil {
		return 0, permanent(fmt.Errorf("render %s: %w", p.Key, err))
	}
	base := reportKey(p.Batch, p.Key)
	if err := reports.Put(ctx, base+".json", js, "application/json"); err != nil {
		return 0, classifyStore(err)
	}
	if err := reports.Put(ctx, base+".html", page, "text/html; charset=utf-8"); err != nil {
		return 0, classifyStore(err)
	}
	return len(rep.Flags), nil
}

// MarshalReport encodes a report as the bytes stored for it: indented
// JSON with a final newline, the same bytes for the same report.
func MarshalReport(r *analyze.Report) ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode report %s: %w", r.Call.ID, err)
	}
	return append(b, '\n'), nil
}

// reportKey is where a call's reports go in the reports store, without
// the extension: <batch>/<call id>.
func reportKey(batch, call string) string { return batch + "/" + call }

// joinSource names a transcript by its source and key.
func joinSource(source, key string) string {
	if source == "" || strings.HasSuffix(source, "/") {
		return source + key
	}
	return source + "/" + key
}

// classifyStore makes a store error permanent when retrying cannot help.
func classifyStore(err error) error {
	if errors.Is(err, ErrTooLarge) || errors.Is(err, ErrBadKey) || errors.Is(err, ErrNotFound) {
		return permanent(err)
	}
	return err
}

// lastAttempt reports whether a failing task will not be retried again.
func lastAttempt(ctx context.Context) bool {
	n, ok1 := asynq.GetRetryCount(ctx)
	most, ok2 := asynq.GetMaxRetry(ctx)
	return ok1 && ok2 && n >= most
}

func attempts(ctx context.Context) int {
	n, _ := asynq.GetRetryCount(ctx)
	return n + 1
}

// finishBatch writes the summary of a complete batch; when that fails it
// hands the summary to a batch:summarize task with retries of its own.
func (h *Handler) finishBatch(ctx context.Context, batch string) error {
	_, err := h.Summarize(ctx, batch)
	if err == nil {
		return nil
	}
	h.Log.Warn().Err(err).Str("batch", batch).Msg("summary failed; queued a summary task")
	return h.Enqueuer.EnqueueSummary(ctx, batch, queue.Options{Queue: h.Queue})
}

// logTask writes the one line a task gets: never transcript text.
func (h *Handler) logTask(typ, batch, call string, start time.Time, outcome string, flags int, err error) {
	ev := h.Log.Info()
	if outcome != OutcomeDone {
		ev = h.Log.Warn()
	}
	ev = ev.Str("task", typ).Str("batch", batch).Str("call", call).
		Int64("duration_ms", time.Since(start).Milliseconds()).Str("outcome", outcome)
	if outcome == OutcomeDone && typ == queue.TypeAnalyze {
		ev = ev.Int("flags", flags)
	}
	if err != nil {
		ev = ev.Str("reason", err.Error())
	}
	ev.Msg("task")
}

// Stores opens stores by URL once and keeps them, so that every task of a
// batch shares one S3 client.
type Stores struct {
	opts StoreOptions
	mu   sync.Mutex
	m    map[string]Store
}

// NewStores returns a Stores that opens S3 stores with opts.
func NewStores(opts StoreOptions) *Stores { return &Stores{opts: opts, m: map[string]Store{}} }

// Open returns the store a URL names, opening it on first use. A URL that
// names no store is a permanent error.
func (s *Stores) Open(ctx context.Context, url string) (Store, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.m[url]; ok {
		return st, nil
	}
	st, err := OpenStore(ctx, url, s.opts)
	if err != nil {
		return nil, err
	}
	s.m[url] = st
	return st, nil
}
