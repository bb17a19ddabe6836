package worker

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/calltrust/calltrust/queue"
	"github.com/hibiken/asynq"
)

// flakyStore fails Get with a transient error for keys it is told to.
type flakyStore struct {
	Store
	fails    map[string]int // key -> failures left; -1 is forever
	attempts map[string]*atomic.Int32
}

func (f *flakyStore) Get(ctx context.Context, key string, max int64) ([]byte, error) {
	if n, ok := f.attempts[key]; ok {
		if tries, left := int(n.Add(1)), f.fails[key]; left < 0 || tries <= left {
			return nil, fmt.Errorf("get %s: %w", key, errS3Unavailable)
		}
	}
	return f.Store.Get(ctx, key, max)
}

var errS3Unavailable = errors.New("503 SlowDown")

func TestTransientFailuresRetry(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	writeFiles(t, src, map[string]string{"acme.txt": testCalls["acme.txt"], "west/beta.txt": testCalls["west/beta.txt"]})
	p := newPipeline(t, src, out)
	flaky := &flakyStore{
		Store:    NewLocalStore(src),
		fails:    map[string]int{"acme.txt": 2, "west/beta.txt": -1},
		attempts: map[string]*atomic.Int32{"acme.txt": {}, "west/beta.txt": {}},
	}
	p.h.Stores.m[src] = flaky
	opts := queue.DefaultOptions()
	opts.MaxRetry = 3
	p.enqueue(t, opts)
	p.start(t, ServerConfig{RetryCap: 20 * time.Millisecond})
	p.wait(t, 30*time.Second)

	var s Summary
	readJSON(t, filepath.Join(out, "b1", SummaryJSON), &s)
	if s.Reported != 1 || s.Failed != 1 {
		t.Fatalf("reported %d failed %d, want 1 and 1", s.Reported, s.Failed)
	}
	if got := flaky.attempts["acme.txt"].Load(); got != 3 {
		t.Errorf("acme.txt read %d times, want 3 (two transient failures, then success)", got)
	}
	if got := flaky.attempts["west/beta.txt"].Load(); got != 4 {
		t.Errorf("west/beta.txt read %d times, want 4 (1 + 3 retries)", got)
	}
	f := s.Failures[0]
	if f.Call != "west/beta.txt" || !strings.Contains(f.Reason, "503 SlowDown") || !strings.Contains(f.Reason, "4 attempts") {
		t.Errorf("failure = %+v: want the S3 error and the attempts", f)
	}
}

func TestPermanentFailuresAreArchived(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	writeFiles(t, src, map[string]string{"empty.txt": "", "big.txt": strings.Repeat("Ann: hello there.\nBo: hi.\n", 400)})
	p := newPipeline(t, src, out)
	p.h.MaxBytes = 1024
	opts := queue.DefaultOptions()
	p.enqueue(t, opts)
	p.start(t, ServerConfig{})
	p.waitStopped(t, 30*time.Second) // the last task is archived after it is recorded
	ins := asynq.NewInspector(p.conn)
	defer ins.Close()
	archived, err := ins.ListArchivedTasks(queue.DefaultQueue)
	if err != nil {
		t.Fatal(err)
	}
	if len(archived) != 2 {
		t.Fatalf("%d archived tasks, want 2", len(archived))
	}
	sort.Slice(archived, func(i, j int) bool { return archived[i].LastErr < archived[j].LastErr })
	for _, a := range archived {
		if a.Retried != 0 {
			t.Errorf("task %s retried %d times: permanent failures are not retried", a.ID, a.Retried)
		}
	}
	var s Summary
	readJSON(t, filepath.Join(out, "b1", SummaryJSON), &s)
	if !failureSays(s.Failures, "big.txt", "size cap") || !failureSays(s.Failures, "empty.txt", "empty") {
		t.Errorf("failures = %+v", s.Failures)
	}
}

// failOnceStore fails the first Put of keys with a suffix.
type failOnceStore struct {
	Store
	suffix string
	failed atomic.Bool
}

func (f *failOnceStore) Put(ctx context.Context, key string, data []byte, ctype string) error {
	if strings.HasSuffix(key, f.suffix) && f.failed.CompareAndSwap(false, true) {
		return fmt.Errorf("put %s: %w", key, errS3Unavailable)
	}
	return f.Store.Put(ctx, key, data, ctype)
}

// TestSummaryFailureQueuesSummaryTask covers a last call whose summary
// write fails: the call stays done and a batch:summarize task writes the
// summary.
func TestSummaryFailureQueuesSummaryTask(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	writeFiles(t, src, map[string]string{"acme.txt": testCalls["acme.txt"]})
	p := newPipeline(t, src, out)
	reports := &failOnceStore{Store: NewLocalStore(out), suffix: SummaryJSON}
	p.h.Stores.m[out] = reports
	p.enqueue(t, queue.DefaultOptions())
	p.start(t, ServerConfig{})
	p.waitStopped(t, 30*time.Second)
	if !reports.failed.Load() {
		t.Fatal("the summary write never failed")
	}
	var s Summary
	readJSON(t, filepath.Join(out, "b1", SummaryJSON), &s)
	if s.Reported != 1 {
		t.Errorf("summary reported %d, want 1", s.Reported)
	}
	logs := p.logs.String()
	if !strings.Contains(logs, `"task":"batch:summarize"`) || strings.Count(logs, `"call":"acme.txt"`) != 1 {
		t.Errorf("want one call line and a summary task line:\n%s", logs)
	}
}
