package queue

import (
	"context"
	"errors"
	"sort"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

func TestBookMarksPerCall(t *testing.T) {
	_, book, _ := newTestQueue(t)
	ctx := context.Background()
	ttl := time.Hour
	if err := book.Begin(ctx, Batch{ID: "b", Source: "s", Reports: "r"}, ttl); err != nil {
		t.Fatal(err)
	}
	if err := book.AddCalls(ctx, "b", []Call{{"a", "a"}, {"b", "b"}, {"c", "c"}}, ttl); err != nil {
		t.Fatal(err)
	}
	if _, err := book.Listed(ctx, "b", Result{Skipped: 2}, ttl); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name, call, status, reason string
		done, failed               int
		complete                   bool
	}{
		{"first done", "a", StatusDone, "", 1, 0, false},
		{"same call again", "a", StatusDone, "", 1, 0, false},
		{"a failure", "b", StatusFailed, "parse b: empty file", 1, 1, false},
		{"failure retried to done", "b", StatusDone, "", 2, 0, false},
		{"last call", "c", StatusFailed, "too large", 2, 1, true},
		{"redelivered last call", "c", StatusFailed, "too large", 2, 1, true},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			p, err := book.Mark(ctx, "b", s.call, s.status, s.reason, ttl)
			if err != nil {
				t.Fatal(err)
			}
			if p.Calls != 3 || p.Done != s.done || p.Failed != s.failed || p.Complete() != s.complete {
				t.Errorf("progress = %+v, want done %d failed %d complete %v", p, s.done, s.failed, s.complete)
			}
		})
	}
	if _, err := book.Mark(ctx, "b", "x", "lost", "", ttl); err == nil {
		t.Error("Mark accepted an unknown status")
	}

	outs, err := book.Outcomes(ctx, "b")
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(outs, func(i, j int) bool { return outs[i].Call < outs[j].Call })
	want := []Outcome{{"a", "a", StatusDone, ""}, {"b", "b", StatusDone, ""}, {"c", "c", StatusFailed, "too large"}}
	if len(outs) != len(want) {
		t.Fatalf("outcomes = %+v", outs)
	}
	for i := range want {
		if outs[i] != want[i] {
			t.Errorf("outcome %d = %+v, want %+v", i, outs[i], want[i])
		}
	}

	p, _ := book.Progress(ctx, "b")
	if !p.NeedsSummary() {
		t.Errorf("complete batch without a summary: NeedsSummary = false")
	}
	if err := book.SetSummarized(ctx, "b", 3); err != nil {
		t.Fatal(err)
	}
	if p, _ := book.Progress(ctx, "b"); p.NeedsSummary() {
		t.Errorf("summarized batch still needs a summary: %+v", p)
	}
}

func TestBookNoBatch(t *testing.T) {
	_, book, _ := newTestQueue(t)
	if _, err := book.Progress(context.Background(), "nope"); !errors.Is(err, ErrNoBatch) {
		t.Errorf("Progress = %v, want ErrNoBatch", err)
	}
	if _, err := book.Info(context.Background(), "nope"); !errors.Is(err, ErrNoBatch) {
		t.Errorf("Info = %v, want ErrNoBatch", err)
	}
}

func TestBookOutcomesManyCalls(t *testing.T) {
	_, book, _ := newTestQueue(t)
	ctx := context.Background()
	var calls []Call
	for i := range 2500 {
		id := string(rune('a'+i%26)) + time.Duration(i).String()
		calls = append(calls, Call{ID: id, Key: id})
	}
	if err := book.AddCalls(ctx, "big", calls, time.Hour); err != nil {
		t.Fatal(err)
	}
	outs, err := book.Outcomes(ctx, "big")
	if err != nil {
		t.Fatal(err)
	}
	if len(outs) != 2500 {
		t.Errorf("outcomes = %d, want 2500 (HSCAN pages)", len(outs))
	}
}

func TestMarkRidesOutARedisRestart(t *testing.T) {
	mr := miniredis.RunT(t)
	book := NewBook(redis.NewClient(&redis.Options{Addr: mr.Addr()}))
	defer book.Close()
	ctx := context.Background()
	if err := book.AddCalls(ctx, "b", []Call{{"a", "a"}}, time.Hour); err != nil {
		t.Fatal(err)
	}
	mr.Close()
	restarted := make(chan error, 1)
	go func() {
		time.Sleep(time.Second)
		restarted <- mr.Restart()
	}()
	p, err := book.Mark(ctx, "b", "a", StatusDone, "", time.Hour)
	if rerr := <-restarted; rerr != nil {
		t.Fatal(rerr)
	}
	if err != nil || p.Done != 1 {
		t.Fatalf("Mark across a restart = %+v, %v; want the call done", p, err)
	}

	mr.Close()
	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := book.Mark(short, "b", "a", StatusDone, "", time.Hour); err == nil || time.Since(start) > 2*time.Second {
		t.Errorf("Mark with Redis gone = %v after %s; want an error once the context ends", err, time.Since(start))
	}
}
