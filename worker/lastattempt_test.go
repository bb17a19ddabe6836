package worker

// Tasks whose worker dies: the tests take a task off the queue as a worker
// does and leave its lease to expire, then start a real asynq server on
// embedded Redis, whose recoverer finds the task at once.

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/calltrust/calltrust/queue"
	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
)

// loseLease takes the pending task of type typ whose payload holds word
// off the queue, as asynq does when a worker starts it, with a lease that
// ran out a minute ago: what a worker killed during the task leaves
// behind. It returns the task's ID.
func loseLease(t *testing.T, conn asynq.RedisClientOpt, typ, word string) string {
	t.Helper()
	ins := asynq.NewInspector(conn)
	defer ins.Close()
	tasks, err := ins.ListPendingTasks(queue.DefaultQueue)
	if err != nil {
		t.Fatal(err)
	}
	id := ""
	for _, ti := range tasks {
		if ti.Type == typ && strings.Contains(string(ti.Payload), word) {
			id = ti.ID
		}
	}
	if id == "" {
		t.Fatalf("no pending %s task with %q", typ, word)
	}
	rdb := redis.NewClient(&redis.Options{Addr: conn.Addr})
	defer rdb.Close()
	// The keys and steps of asynq's dequeue script (internal/rdb).
	ctx, prefix := context.Background(), "asynq:{"+queue.DefaultQueue+"}:"
	_, err = rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		pipe.LRem(ctx, prefix+"pending", 1, id)
		pipe.LPush(ctx, prefix+"active", id)
		pipe.HSet(ctx, prefix+"t:"+id, "state", "active")
		pipe.HDel(ctx, prefix+"t:"+id, "pending_since")
		pipe.ZAdd(ctx, prefix+"lease", redis.Z{Score: float64(time.Now().Add(-time.Minute).Unix()), Member: id})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// countingStore counts the reads of each key.
type countingStore struct {
	Store
	reads map[string]*atomic.Int32
}

func (c *countingStore) Get(ctx context.Context, key string, max int64) ([]byte, error) {
	if n, ok := c.reads[key]; ok {
		n.Add(1)
	}
	return c.Store.Get(ctx, key, max)
}

func TestWorkerLostOnLastAttempt(t *testing.T) {
	for _, tc := range []struct {
		name     string
		maxRetry int
		// wantFailed says the lost call must end as a failure; else it is
		// analyzed on its retry and reported.
		wantFailed bool
	}{
		{"no retries", 0, true},
		{"one retry left", 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, out := t.TempDir(), t.TempDir()
			writeFiles(t, src, map[string]string{"acme.txt": testCalls["acme.txt"], "west/beta.txt": testCalls["west/beta.txt"]})
			p := newPipeline(t, src, out)
			store := &countingStore{Store: NewLocalStore(src), reads: map[string]*atomic.Int32{"acme.txt": {}}}
			p.h.Stores.m[src] = store
			opts := queue.DefaultOptions()
			opts.MaxRetry = tc.maxRetry
			p.enqueue(t, opts)
			id := loseLease(t, p.conn, queue.TypeAnalyze, `"key":"acme.txt"`)
			start := time.Now()
			p.start(t, ServerConfig{RetryCap: 20 * time.Millisecond})
			p.waitStopped(t, 30*time.Second)
			t.Logf("batch complete %s after the server started", time.Since(start).Round(time.Millisecond))

			var s Summary
			readJSON(t, filepath.Join(out, "b1", SummaryJSON), &s)
			outcomes, err := p.book.Outcomes(context.Background(), "b1")
			if err != nil {
				t.Fatal(err)
			}
			book := map[string]queue.Outcome{}
			for _, o := range outcomes {
				book[o.Call] = o
			}
			_, statErr := os.Stat(filepath.Join(out, "b1", "acme.txt.json"))
			lines := callLines(p.logs.String(), "acme.txt")
			if !tc.wantFailed {
				if s.Reported != 2 || s.Failed != 0 || book["acme.txt"].Status != queue.StatusDone || statErr != nil {
					t.Errorf("reported %d failed %d, acme.txt %+v (report: %v): want it reported on its retry", s.Reported, s.Failed, book["acme.txt"], statErr)
				}
				if n := store.reads["acme.txt"].Load(); n != 1 {
					t.Errorf("acme.txt read %d times, want 1", n)
				}
				return
			}
			want := "gave up after 1 attempt: " + ErrAttemptLost.Error()
			if s.Reported != 1 || s.Failed != 1 || len(s.Failures) != 1 || s.Failures[0].Call != "acme.txt" || s.Failures[0].Reason != want {
				t.Fatalf("reported %d failed %d failures %+v: want acme.txt failed with %q", s.Reported, s.Failed, s.Failures, want)
			}
			if o := book["acme.txt"]; o.Status != queue.StatusFailed || o.Reason != want {
				t.Errorf("bookkeeping: %+v", o)
			}
			// The spare attempt records the call without reading it again.
			if n := store.reads["acme.txt"].Load(); n != 0 || statErr == nil {
				t.Errorf("acme.txt read %d times, report written %v: want neither", n, statErr == nil)
			}
			if len(lines) != 1 || !strings.Contains(lines[0], `"outcome":"failed"`) || !strings.Contains(lines[0], ErrAttemptLost.Error()) {
				t.Errorf("log lines for acme.txt: %q, want one failure with the cause", lines)
			}
			ins := asynq.NewInspector(p.conn)
			defer ins.Close()
			ti, err := ins.GetTaskInfo(queue.DefaultQueue, id)
			if err != nil {
				t.Fatal(err)
			}
			if ti.State != asynq.TaskStateArchived || ti.Retried != 1 {
				t.Errorf("task %s retried %d times, state %v: want archived after its spare attempt", id, ti.Retried, ti.State)
			}
		})
	}
}

// callLines returns the task log lines of a call.
func callLines(logs, call string) []string {
	var out []string
	for _, l := range strings.Split(logs, "\n") {
		if strings.Contains(l, `"call":"`+call+`"`) {
			out = append(out, l)
		}
	}
	return out
}

// TestWorkerLostOlderTask covers a call:analyze task enqueued without the
// spare attempt, as older versions did: asynq's own retry limit is its
// last attempt, as before, and a transient failure there is recorded.
func TestWorkerLostOlderTask(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	writeFiles(t, src, map[string]string{"acme.txt": testCalls["acme.txt"]})
	p := newPipeline(t, src, out)
	flaky := &flakyStore{Store: NewLocalStore(src), fails: map[string]int{"acme.txt": -1}, attempts: map[string]*atomic.Int32{"acme.txt": {}}}
	p.h.Stores.m[src] = flaky
	ctx := context.Background()
	if err := p.book.Begin(ctx, p.batch, time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := p.book.AddCalls(ctx, "b1", []queue.Call{{ID: "acme.txt", Key: "acme.txt"}}, time.Hour); err != nil {
		t.Fatal(err)
	}
	task, err := queue.NewAnalyzeTask(queue.AnalyzePayload{Batch: "b1", Source: src, Key: "acme.txt", Reports: out, TTLSeconds: 3600})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(task.Payload()), "max_retry") {
		t.Fatalf("payload %s: want no max_retry, as older versions wrote", task.Payload())
	}
	client := asynq.NewClient(p.conn)
	defer client.Close()
	if _, err := client.Enqueue(task, asynq.MaxRetry(2)); err != nil {
		t.Fatal(err)
	}
	if _, err := p.book.Listed(ctx, "b1", queue.Result{Enqueued: 1}, time.Hour); err != nil {
		t.Fatal(err)
	}
	p.start(t, ServerConfig{RetryCap: 20 * time.Millisecond})
	p.waitStopped(t, 30*time.Second)
	var s Summary
	readJSON(t, filepath.Join(out, "b1", SummaryJSON), &s)
	if len(s.Failures) != 1 || !strings.HasPrefix(s.Failures[0].Reason, "gave up after 3 attempts: ") {
		t.Errorf("failures %+v: want acme.txt failed after 3 attempts", s.Failures)
	}
	if n := flaky.attempts["acme.txt"].Load(); n != 3 {
		t.Errorf("acme.txt read %d times, want 3 (1 + 2 retries)", n)
	}
}

// TestBatchTasksLostOnLastAttempt covers batch:enqueue and
// batch:summarize tasks whose worker died on their only real attempt: the
// spare attempt does their work, so the batch still completes and gets
// its summary.
func TestBatchTasksLostOnLastAttempt(t *testing.T) {
	p, root, out := newNightly(t)
	opts := queue.DefaultOptions()
	opts.MaxRetry = 0
	task, err := queue.NewEnqueueTask(queue.EnqueuePayload{Source: root + "/{date}", Reports: out, Options: opts})
	if err != nil {
		t.Fatal(err)
	}
	client := asynq.NewClient(p.conn)
	defer client.Close()
	if _, err := client.Enqueue(task, queue.SpareRetry(opts.MaxRetry)); err != nil {
		t.Fatal(err)
	}
	loseLease(t, p.conn, queue.TypeEnqueue, "{date}")
	p.start(t, ServerConfig{RetryCap: 20 * time.Millisecond})
	p.waitStopped(t, 30*time.Second)
	summary := filepath.Join(out, p.batch.ID, SummaryJSON)
	var s Summary
	readJSON(t, summary, &s)
	if s.Calls != 2 || s.Reported != 1 || s.Failed != 1 {
		t.Errorf("summary after a lost listing: calls %d reported %d failed %d", s.Calls, s.Reported, s.Failed)
	}

	t.Run("summarize", func(t *testing.T) {
		if err := os.Remove(summary); err != nil {
			t.Fatal(err)
		}
		if err := p.h.Enqueuer.EnqueueSummary(context.Background(), p.batch.ID, opts); err != nil {
			t.Fatal(err)
		}
		loseLease(t, p.conn, queue.TypeSummarize, p.batch.ID)
		p.start(t, ServerConfig{RetryCap: 20 * time.Millisecond})
		deadline := time.Now().Add(30 * time.Second)
		for {
			if _, err := os.Stat(summary); err == nil {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("no summary 30 s after a lost batch:summarize task:\n%s", p.logs.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
}
