package worker

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/calltrust/calltrust/analyze"
	"github.com/calltrust/calltrust/analyze/transcript"
	"github.com/calltrust/calltrust/lexicons"
	"github.com/calltrust/calltrust/queue"
	"github.com/calltrust/calltrust/worker/pages"
	"github.com/hibiken/asynq"
	"github.com/rs/zerolog"
)

// DefaultMaxBytes is the size cap on one transcript: 16 MiB holds a
// nine-hour call as AWS Transcribe JSON, the most verbose format, and
// keeps the memory of one analysis, which takes twenty or so times the
// bytes of turn text, to a few hundred MB.
const DefaultMaxBytes = 16 << 20

// DefaultMaxTurns is the most turns a call may have. Each turn costs
// analysis memory of its own, whatever its length, so a file of many
// one-word turns is refused rather than analyzed in gigabytes; 20,000 is
// several times the turns of a whole-day meeting.
const DefaultMaxTurns = 20_000

// turnWeight is what one turn weighs against the analysis budget, in
// bytes of transcript: the memory a turn costs beyond its text, over the
// memory one byte of text costs.
const turnWeight = 256

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
	// MaxBytes caps a transcript's size; 0 means DefaultMaxBytes. It is
	// also the analysis budget: the calls analyzed at once in this process
	// weigh at most MaxBytes together (a call weighs its size plus
	// turnWeight per turn), so memory stays bounded whatever the
	// concurrency; a call that does not fit waits its turn.
	MaxBytes int64
	// MaxTurns caps a call's turns; 0 means DefaultMaxTurns.
	MaxTurns int
	// Redact masks e-mail addresses, phone numbers and card-like numbers
	// in every text the reports carry: quotes, the JSON and the
	// transcript on the call page.
	Redact bool
	// Queue is where fallback summary tasks go; "" is the default queue.
	Queue   string
	Log     zerolog.Logger
	Metrics *Metrics // nil: none
	// Now is the clock batch:enqueue expands {date} with; nil is time.Now.
	Now func() time.Time
	// TrendBatches is how many batches <reports>/trends/ covers; 0 is
	// pages.DefaultTrendBatches.
	TrendBatches int

	budgetOnce sync.Once
	budget     *budget
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
// When asynq runs the spare attempt (see queue.AnalyzePayload.MaxRetry),
// the last real one never finished: the call is recorded as failed, not
// analyzed again, so that a call that kills its worker cannot kill the
// next one.
func (h *Handler) ProcessAnalyze(ctx context.Context, t *asynq.Task) error {
	start := time.Now()
	var p queue.AnalyzePayload
	if err := queue.Decode(t, &p); err != nil {
		h.Log.Error().Err(err).Str("task", t.Type()).Msg("task dropped")
		return permanent(err)
	}
	at := attemptOf(ctx, p.MaxRetry)
	var flags int
	var err error
	if at.spare() {
		err = permanent(fmt.Errorf("gave up after %s: %w", attemptCount(at.retried), ErrAttemptLost))
	} else {
		flags, err = h.analyze(ctx, p)
	}
	outcome, status, reason := OutcomeDone, queue.StatusDone, ""
	if err != nil {
		outcome, status, reason = OutcomeFailed, queue.StatusFailed, err.Error()
		if !IsPermanent(err) {
			if at.last() {
				reason = fmt.Sprintf("gave up after %s: %s", attemptCount(at.retried+1), err)
				err = permanent(err) // the spare attempt is for a worker that dies
			} else {
				outcome = OutcomeRetry
			}
		}
	}
	if outcome != OutcomeRetry {
		prog, markErr := h.Book.Mark(ctx, p.Batch, p.Key, status, reason, p.TTL())
		if markErr == nil && prog.NeedsSummary() {
			markErr = h.finishBatch(ctx, p.Batch, p.MaxRetry)
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
	limit := h.maxBytes()
	data, err := src.Get(ctx, p.Key, limit)
	if err != nil {
		return 0, classifyStore(err)
	}
	sidecar := p.Key + transcript.MetaSuffix
	meta, err := readSidecar(ctx, src, sidecar, p.NoSidecar)
	if err != nil {
		return 0, err
	}

	// Parsing and analysis take the analysis budget: the file's size
	// first, then its size and turns once they are known. Between the two
	// the budget is let go, so no call holds part while waiting for more.
	b := h.analysisBudget()
	weight := int64(len(data))
	if err := b.acquire(ctx, weight); err != nil {
		return 0, fmt.Errorf("%s: waiting for the analysis budget: %w", p.Key, err)
	}
	call, err := transcript.Parse(p.Key, data)
	b.release(weight)
	if err != nil {
		return 0, permanent(err)
	}
	maxTurns := h.MaxTurns
	if maxTurns <= 0 {
		maxTurns = DefaultMaxTurns
	}
	if len(call.Turns) > maxTurns {
		return 0, permanent(fmt.Errorf("%s: %d turns, more than the %d a call may have (--max-turns)", p.Key, len(call.Turns), maxTurns))
	}
	weight += turnWeight * int64(len(call.Turns))
	data = nil // the call holds what is needed; let the file go
	if err := b.acquire(ctx, weight); err != nil {
		return 0, fmt.Errorf("%s: waiting for the analysis budget: %w", p.Key, err)
	}
	defer b.release(weight)
	call.ID = p.Key
	call.Source = joinSource(p.Source, p.Key)
	if meta != nil {
		if err := call.ApplyMeta(*meta); err != nil {
			return 0, permanent(fmt.Errorf("sidecar %s: %w", sidecar, err))
		}
	}
	// With Redact, Analyze redacts the call in place, so the call page
	// below shows the redacted transcript too.
	rep, err := analyze.Analyze(call, h.Lexicons, analyze.Options{Redact: h.Redact})
	if err != nil {
		return 0, permanent(err)
	}
	js, err := MarshalReport(rep)
	if err != nil {
		return 0, permanent(err)
	}
	page, err := pages.CallPage(rep, call)
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

// readSidecar reads and parses the sidecar at key; nil when there is
// none, or when the listing held none (none), which costs no request.
func readSidecar(ctx context.Context, src Store, key string, none bool) (*analyze.Meta, error) {
	if none {
		return nil, nil
	}
	data, err := src.Get(ctx, key, maxSidecarBytes)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, classifyStore(err)
	}
	m, err := transcript.ParseMeta(key, data)
	if err != nil {
		return nil, permanent(err)
	}
	return &m, nil
}

// maxBytes is the size cap in force.
func (h *Handler) maxBytes() int64 {
	if h.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return h.MaxBytes
}

// MarshalReport encodes a report as the bytes stored for it: indented
// JSON with a final newline, the same bytes for the same report.
func MarshalReport(r *analyze.Report) ([]byte, error) {
	return indentJSON("report "+r.Call.ID, r)
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

// ErrAttemptLost is the failure of a call whose last attempt never
// finished.
var ErrAttemptLost = errors.New("the worker stopped while processing this call on its last attempt (killed, out of memory, or lost its lease)")

// attempt is where a run of a task stands among the task's attempts. A
// task that keeps batch bookkeeping is enqueued with one attempt more than
// --max-retry allows (queue.SpareRetry): asynq archives a task whose
// worker died on its last attempt without running the handler again, so
// the spare attempt is the one that runs in that case.
type attempt struct {
	retried int // retries before this run
	final   int // the retry count of the last real attempt
}

// attemptOf reads the attempt of the running task. maxRetry is the
// --max-retry its payload carries; nil (a task enqueued without a spare
// attempt) makes asynq's own retry limit the last attempt. Outside asynq
// no attempt is the last.
func attemptOf(ctx context.Context, maxRetry *int) attempt {
	n, ok1 := asynq.GetRetryCount(ctx)
	most, ok2 := asynq.GetMaxRetry(ctx)
	if !ok1 || !ok2 {
		return attempt{final: math.MaxInt}
	}
	if maxRetry != nil {
		most = min(most, max(*maxRetry, 0))
	}
	return attempt{retried: n, final: most}
}

// last reports whether a transient failure now is final: this is the last
// real attempt, or the spare one.
func (a attempt) last() bool { return a.retried >= a.final }

// spare reports whether this is the spare attempt, which asynq runs only
// when the last real attempt never finished.
func (a attempt) spare() bool { return a.retried > a.final }

// attemptCount says n attempts in words: "1 attempt", "4 attempts".
func attemptCount(n int) string {
	if n == 1 {
		return "1 attempt"
	}
	return fmt.Sprintf("%d attempts", n)
}

// finishBatch writes the summary of a complete batch; when that fails it
// hands the summary to a batch:summarize task with the batch's retries
// (maxRetry, the default when nil) and a spare attempt.
func (h *Handler) finishBatch(ctx context.Context, batch string, maxRetry *int) error {
	_, err := h.Summarize(ctx, batch)
	if err == nil {
		return nil
	}
	h.Log.Warn().Err(err).Str("batch", batch).Msg("summary failed; queued a summary task")
	opts := queue.Options{Queue: h.Queue, MaxRetry: queue.DefaultMaxRetry}
	if maxRetry != nil {
		opts.MaxRetry = *maxRetry
	}
	return h.Enqueuer.EnqueueSummary(ctx, batch, opts)
}

// logTask writes the one line a task gets: never transcript text. A
// failure's reason is logged as LogReason gives it; the whole reason goes
// to the batch summary.
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
		ev = ev.Str("reason", LogReason(err))
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
