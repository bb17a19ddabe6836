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
	// Spare says the task was enqueued with one attempt more than
	// --max-retry allows, kept for a worker that dies during the last
	// real attempt: asynq archives such a task without running it, so
	// without the spare the call would end neither done nor failed.
	Spare bool `json:"spare,omitempty"`
}

// EnqueuePayload is the payload of a batch:enqueue task. Source and
// BatchID may hold {date}, replaced when the task runs by the day before,
// in TZ.
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
func NewSummarizeTask(batch string) (*asynq.Task, error) {
	b, err := json.Marshal(SummarizePayload{Batch: batch})
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

// TTL returns the bookkeeping lifetime an analyze payload carries, at
// least a day.
func (p AnalyzePayload) TTL() time.Duration {
	if p.TTLSeconds <= 0 {
		return 24 * time.Hour
	}
	return time.Duration(p.TTLSeconds) * time.Second
}
