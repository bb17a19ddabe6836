package queue

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/hibiken/asynq"
)

// newTestQueue starts an embedded Redis and returns an Enqueuer, its Book
// and an inspector on it.
func newTestQueue(t *testing.T) (*Enqueuer, *Book, *asynq.Inspector) {
	t.Helper()
	mr := miniredis.RunT(t)
	conn := asynq.RedisClientOpt{Addr: mr.Addr()}
	rdb, err := NewRedisClient(conn)
	if err != nil {
		t.Fatal(err)
	}
	book := NewBook(rdb)
	client := asynq.NewClient(conn)
	ins := asynq.NewInspector(conn)
	t.Cleanup(func() { client.Close(); ins.Close(); book.Close() })
	return NewEnqueuer(client, book), book, ins
}

// listing returns a Lister over n transcripts plus the given extras.
func listing(n int, extra ...Object) Lister {
	return func(ctx context.Context, fn func(Object) error) error {
		for i := range n {
			if err := fn(Object{Key: fmt.Sprintf("calls/%05d.vtt", i), ETag: "e", Transcript: true}); err != nil {
				return err
			}
		}
		for _, o := range extra {
			if err := fn(o); err != nil {
				return err
			}
		}
		return nil
	}
}

func TestEnqueueCountsAndDedup(t *testing.T) {
	enq, book, ins := newTestQueue(t)
	ctx := context.Background()
	b := Batch{ID: "b1", Source: "/src", Reports: "/out"}
	extras := []Object{
		{Key: "calls/00000.vtt.meta.json", ETag: "m", Sidecar: true},
		{Key: "calls/notes.pdf", ETag: "p"},
	}
	opts := DefaultOptions()
	opts.Workers, opts.Retention = 4, time.Hour

	res, err := enq.Enqueue(ctx, b, listing(1200, extras...), opts)
	if err != nil {
		t.Fatal(err)
	}
	want := Result{Listed: 1202, Enqueued: 1200, Skipped: 1, Sidecars: 1, Calls: 1200}
	if res != want {
		t.Errorf("first enqueue = %+v, want %+v", res, want)
	}
	qi, err := ins.GetQueueInfo(DefaultQueue)
	if err != nil {
		t.Fatal(err)
	}
	if qi.Pending != 1200 {
		t.Errorf("pending tasks = %d, want 1200", qi.Pending)
	}

	t.Run("rerun is a no-op", func(t *testing.T) {
		res, err := enq.Enqueue(ctx, b, listing(1200, extras...), opts)
		if err != nil {
			t.Fatal(err)
		}
		want := Result{Listed: 1202, AlreadyEnqueued: 1200, Skipped: 1, Sidecars: 1, Calls: 1200}
		if res != want {
			t.Errorf("rerun = %+v, want %+v", res, want)
		}
		qi, _ := ins.GetQueueInfo(DefaultQueue)
		if qi.Pending != 1200 {
			t.Errorf("pending tasks after rerun = %d, want 1200", qi.Pending)
		}
	})

	t.Run("task options", func(t *testing.T) {
		ti, err := ins.GetTaskInfo(DefaultQueue, TaskID("b1", "calls/00007.vtt", "e"))
		if err != nil {
			t.Fatal(err)
		}
		// --max-retry retries, and one spare attempt for a worker that dies.
		if ti.Type != TypeAnalyze || ti.MaxRetry != DefaultMaxRetry+1 || ti.Retention != time.Hour || ti.Timeout != DefaultTimeout {
			t.Errorf("task = type %s max retry %d retention %v timeout %v", ti.Type, ti.MaxRetry, ti.Retention, ti.Timeout)
		}
		var p AnalyzePayload
		if err := Decode(asynq.NewTask(ti.Type, ti.Payload), &p); err != nil {
			t.Fatal(err)
		}
		if p.MaxRetry == nil || *p.MaxRetry != DefaultMaxRetry {
			t.Errorf("payload max retry = %v, want %d (the retries without the spare attempt)", p.MaxRetry, DefaultMaxRetry)
		}
		p.MaxRetry = nil
		want := AnalyzePayload{Batch: "b1", Source: "/src", Key: "calls/00007.vtt", ETag: "e", Reports: "/out", TTLSeconds: 3600}
		if p != want {
			t.Errorf("payload = %+v, want %+v", p, want)
		}
	})

	t.Run("bookkeeping", func(t *testing.T) {
		p, err := book.Progress(ctx, "b1")
		if err != nil {
			t.Fatal(err)
		}
		if p.Calls != 1200 || !p.Listed || p.Done != 0 || p.Pending() != 1200 || p.Complete() {
			t.Errorf("progress = %+v", p)
		}
		info, err := book.Info(ctx, "b1")
		if err != nil {
			t.Fatal(err)
		}
		if info.Source != "/src" || info.Reports != "/out" || info.Skipped != 1 || info.Sidecars != 1 || info.Enqueued != 1200 {
			t.Errorf("info = %+v", info)
		}
	})
}

func TestEnqueueChangedObjectIsNew(t *testing.T) {
	enq, _, _ := newTestQueue(t)
	ctx := context.Background()
	b := Batch{ID: "b1", Source: "/src", Reports: "/out"}
	if _, err := enq.Enqueue(ctx, b, listing(3), Options{}); err != nil {
		t.Fatal(err)
	}
	changed := func(ctx context.Context, fn func(Object) error) error {
		fn(Object{Key: "calls/00000.vtt", ETag: "e2", Transcript: true})
		return fn(Object{Key: "calls/00001.vtt", ETag: "e", Transcript: true})
	}
	res, err := enq.Enqueue(ctx, b, changed, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Enqueued != 1 || res.AlreadyEnqueued != 1 || res.Calls != 3 {
		t.Errorf("result = %+v, want 1 enqueued, 1 already, 3 calls", res)
	}
}

func TestEnqueueListError(t *testing.T) {
	enq, book, _ := newTestQueue(t)
	boom := errors.New("listing broke")
	list := func(ctx context.Context, fn func(Object) error) error {
		for i := range 700 {
			if err := fn(Object{Key: fmt.Sprint(i, ".txt"), Transcript: true}); err != nil {
				return err
			}
		}
		return boom
	}
	_, err := enq.Enqueue(context.Background(), Batch{ID: "b", Source: "s", Reports: "r"}, list, Options{})
	if !errors.Is(err, boom) {
		t.Fatalf("Enqueue = %v, want the listing error", err)
	}
	p, err := book.Progress(context.Background(), "b")
	if err != nil {
		t.Fatal(err)
	}
	if p.Listed || p.Complete() {
		t.Errorf("a failed listing must not mark the batch listed: %+v", p)
	}
}

func TestEnqueueBadBatch(t *testing.T) {
	enq, _, _ := newTestQueue(t)
	if _, err := enq.Enqueue(context.Background(), Batch{ID: "../x"}, listing(1), Options{}); err == nil {
		t.Error("Enqueue accepted batch ID ../x")
	}
}

// TestEnqueueSummarizesFinishedBatch covers the race where workers finish
// every call before the listing is recorded: the enqueuer then asks for
// the summary.
func TestEnqueueSummarizesFinishedBatch(t *testing.T) {
	enq, book, ins := newTestQueue(t)
	ctx := context.Background()
	b := Batch{ID: "b", Source: "s", Reports: "r"}
	list := func(ctx context.Context, fn func(Object) error) error {
		if err := fn(Object{Key: "a.txt", ETag: "1", Transcript: true}); err != nil {
			return err
		}
		// The worker is fast: a.txt is done before the listing ends.
		if err := enq.book.AddCalls(ctx, "b", []Call{{ID: "a.txt", Key: "a.txt"}}, time.Hour); err != nil {
			return err
		}
		_, err := book.Mark(ctx, "b", "a.txt", StatusDone, "", time.Hour)
		return err
	}
	res, err := enq.Enqueue(ctx, b, list, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Summarize {
		t.Fatalf("result = %+v: want a summary task for the finished batch", res)
	}
	tasks, err := ins.ListPendingTasks(DefaultQueue)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, ti := range tasks {
		if ti.Type != TypeSummarize {
			continue
		}
		found = true
		// Options{} means no retries, and one spare attempt for a worker
		// that dies.
		var p SummarizePayload
		if err := Decode(asynq.NewTask(ti.Type, ti.Payload), &p); err != nil {
			t.Fatal(err)
		}
		if ti.MaxRetry != 1 || p.Batch != "b" || p.MaxRetry == nil || *p.MaxRetry != 0 {
			t.Errorf("summary task: max retry %d, payload %s", ti.MaxRetry, ti.Payload)
		}
	}
	if !found {
		t.Error("no batch:summarize task pending")
	}
}
