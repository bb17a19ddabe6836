package queue

import (
	"fmt"
	"time"
)

// Batch is one run over a source: every transcript under Source analyzed
// into Reports/<ID>/.
type Batch struct {
	ID      string
	Source  string // URL or folder the transcripts are listed from
	Reports string // URL or folder the reports go to
}

// Options are the settings of a batch's tasks.
type Options struct {
	// Queue is the asynq queue the tasks go to.
	Queue string `json:"queue"`
	// MaxRetry is how often a transient failure is retried before the
	// call is recorded as failed.
	MaxRetry int `json:"max_retry"`
	// Timeout bounds one attempt at one call.
	Timeout time.Duration `json:"timeout"`
	// Retention keeps a finished task's ID taken (and the bookkeeping), so
	// a rerun within it enqueues nothing new.
	Retention time.Duration `json:"retention"`
	// Workers is how many enqueue calls run at once.
	Workers int `json:"workers"`
}

// Defaults of Options.
const (
	DefaultQueue     = "default"
	DefaultMaxRetry  = 5
	DefaultTimeout   = 10 * time.Minute
	DefaultRetention = 7 * 24 * time.Hour
	DefaultWorkers   = 32
)

// DefaultOptions returns the options a batch gets without flags.
func DefaultOptions() Options {
	return Options{Queue: DefaultQueue, MaxRetry: DefaultMaxRetry, Timeout: DefaultTimeout, Retention: DefaultRetention, Workers: DefaultWorkers}
}

// withDefaults fills zero fields of o from DefaultOptions.
func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.Queue == "" {
		o.Queue = d.Queue
	}
	if o.MaxRetry < 0 {
		o.MaxRetry = 0
	}
	if o.Timeout <= 0 {
		o.Timeout = d.Timeout
	}
	if o.Retention <= 0 {
		o.Retention = d.Retention
	}
	if o.Workers <= 0 {
		o.Workers = d.Workers
	}
	return o
}

// CheckBatchID refuses batch IDs that would not make a safe folder name
// and Redis key part: it allows 1 to 200 letters, digits, '.', '_' and
// '-', not starting with '.'.
func CheckBatchID(id string) error {
	if id == "" {
		return fmt.Errorf("batch ID is empty")
	}
	if len(id) > 200 {
		return fmt.Errorf("batch ID %.20q... is longer than 200 characters", id)
	}
	if id[0] == '.' {
		return fmt.Errorf("batch ID %q starts with '.'", id)
	}
	for _, r := range id {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-'
		if !ok {
			return fmt.Errorf("batch ID %q: %q is not allowed (letters, digits, '.', '_', '-')", id, r)
		}
	}
	return nil
}
