package queue

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/hibiken/asynq"
)

// Task type names, declared once beside their payloads.
const (
	// TypeAnalyze analyzes one transcript and writes its reports.
	TypeAnalyze = "call:analyze"
	// TypeEnqueue lists a source and enqueues a batch (what the scheduler
	// fires).
	TypeEnqueue = "batch:enqueue"
	// TypeSummarize writes a finished batch's summary.
	TypeSummarize = "batch:summarize"
)

// AnalyzePayload is the payload of a call:analyze task: where the
// transcript is, which batch it belongs to and where its reports go. It
// never holds credentials: the worker's own settings reach the stores.
type AnalyzePayload struct {
	Batch   string `json:"batch"`
	Source  string `json:"source"`  // the batch's source URL or folder
	Key     string `json:"key"`     // the transcript's key under Source; also the call ID
	ETag    string `json:"etag"`    // the listed ETag, part of the task ID
	Reports string `json:"reports"` // the reports URL or folder
	// TTLSeconds is how long the batch bookkeeping is kept, the batch's
	// retention.
	TTLSeconds int64 `json:"ttl_seconds"`
	// MaxRetry is N, the --max-retry the task was enqueued with. The task
	// itself is enqueued with N+1 retries: asynq archives a task whose
	// worker died on its last attempt without running the handler, so the
	// attempt after the last real one is kept for that case, to record the
	// call as failed. Nil in a task enqueued without that spare attempt,
	// where asynq's own retry limit is the last attempt.
	MaxRetry *int `json:"max_retry,omitempty"`
	// NoSidecar says the listing held no .meta.json sidecar for the
	// transcript: the worker does not look for one. False in tasks
	// enqueued before the field, which look.
	NoSidecar bool `json:"no_sidecar,omitempty"`
}

// EnqueuePayload is the payload of a batch:enqueue task. Source and
// BatchID may hold {date}, replaced when the task runs by the day before,
// in TZ. Options.MaxRetry is N for the batch:enqueue task too: it is
// registered with N+1 retries, one spare attempt as a call:analyze task
// has (see AnalyzePayload.MaxRetry).
type EnqueuePayload struct {
	Source  string  `json:"source"`
	Reports string  `json:"reports"`
	BatchID string  `json:"batch_id"`
	TZ      string  `json:"tz"`
	Options Options `json:"options"`
}

// SummarizePayload is the payload of a batch:summarize task.
type SummarizePayload struct {
	Batch string `json:"batch"`
	// MaxRetry is N, the --max-retry the task was enqueued with; the task
	// itself gets N+1 retries, as a call:analyze task does (see
	// AnalyzePayload.MaxRetry). Nil in a task enqueued without the spare
	// attempt.
	MaxRetry *int `json:"max_retry,omitempty"`
}

// TaskID returns the task ID of a call of a batch: a hash of the batch,
// the key and the ETag, so that enqueueing the same listing twice is a
// no-op while a changed object is analyzed again.
func TaskID(batch, key, etag string) string {
	h := sha256.New()
	for _, s := range []string{batch, key, etag} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return "call-" + hex.EncodeToString(h.Sum(nil))[:32]
}

// NewAnalyzeTask builds the call:analyze task of one transcript.
func NewAnalyzeTask(p AnalyzePayload) (*asynq.Task, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("encode %s payload: %w", TypeAnalyze, err)
	}
	return asynq.NewTask(TypeAnalyze, b), nil
}

// NewEnqueueTask builds the batch:enqueue task the scheduler fires.
func NewEnqueueTask(p EnqueuePayload) (*asynq.Task, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("encode %s payload: %w", TypeEnqueue, err)
	}
	return asynq.NewTask(TypeEnqueue, b), nil
}

// NewSummarizeTask builds the batch:summarize task of a batch.
func NewSummarizeTask(p SummarizePayload) (*asynq.Task, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("encode %s payload: %w", TypeSummarize, err)
	}
	return asynq.NewTask(TypeSummarize, b), nil
}

// Decode reads a task's JSON payload into v, naming the task type in the
// error.
func Decode(t *asynq.Task, v any) error {
	if err := json.Unmarshal(t.Payload(), v); err != nil {
		return fmt.Errorf("decode %s payload: %w", t.Type(), err)
	}
	return nil
}

// SpareRetry returns the asynq retry limit of a task that keeps batch
// bookkeeping: maxRetry, the retries --max-retry allows, and one spare
// attempt that runs only when a worker died during the last real attempt.
// The handlers treat the attempt after retry maxRetry as the spare.
func SpareRetry(maxRetry int) asynq.Option { return asynq.MaxRetry(max(maxRetry, 0) + 1) }

// TTL returns the bookkeeping lifetime an analyze payload carries, at
// least a day.
func (p AnalyzePayload) TTL() time.Duration {
	if p.TTLSeconds <= 0 {
		return 24 * time.Hour
	}
	return time.Duration(p.TTLSeconds) * time.Second
}
