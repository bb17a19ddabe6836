package queue

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/hibiken/asynq"
)

// recordLogger keeps the messages an asynq.Logger is given, by level.
type recordLogger struct {
	mu    sync.Mutex
	lines []string
}

func (l *recordLogger) add(level string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, level+": "+fmt.Sprint(args...))
}

func (l *recordLogger) Debug(args ...any) { l.add("debug", args...) }
func (l *recordLogger) Info(args ...any)  { l.add("info", args...) }
func (l *recordLogger) Warn(args ...any)  { l.add("warn", args...) }
func (l *recordLogger) Error(args ...any) { l.add("error", args...) }
func (l *recordLogger) Fatal(args ...any) { l.add("fatal", args...) }

func (l *recordLogger) text() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// TestRetryEnqueue stops Redis at the moment of a scheduled run: a run
// whose Redis comes back before the next run is due is enqueued late,
// not lost; one whose Redis stays away gives up when the next run is due,
// saying so.
func TestRetryEnqueue(t *testing.T) {
	cases := []struct {
		name     string
		down     time.Duration // how long Redis stays away; 0 for good
		next     time.Duration // when the next run is due
		enqueued bool
		log      []string
	}{
		{"back within the run", 1200 * time.Millisecond, 10 * time.Second, true,
			[]string{"warn: scheduled batch:enqueue not enqueued", "info: scheduled batch:enqueue enqueued as task"}},
		{"away until the next run", 0, 2 * time.Second, false,
			[]string{"warn: scheduled batch:enqueue not enqueued", "error: scheduled batch:enqueue not enqueued after"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			mr := miniredis.RunT(t)
			conn := asynq.RedisClientOpt{Addr: mr.Addr()}
			c := asynq.NewClient(conn)
			defer c.Close()
			task, err := NewEnqueueTask(EnqueuePayload{Source: "s3://bucket/calls/{date}/", Reports: "s3://bucket/reports/"})
			if err != nil {
				t.Fatal(err)
			}
			mr.Close()
			_, first := c.Enqueue(task, asynq.Queue(DefaultQueue))
			if first == nil {
				t.Fatal("enqueue with Redis stopped succeeded")
			}
			if tc.down > 0 {
				time.AfterFunc(tc.down, func() { _ = mr.Restart() })
			}
			log := &recordLogger{}
			start := time.Now()
			err = retryEnqueue(context.Background(), c, task, []asynq.Option{asynq.Queue(DefaultQueue)}, first, start.Add(tc.next), log)
			took := time.Since(start)
			if (err == nil) != tc.enqueued {
				t.Fatalf("retryEnqueue = %v after %s, want enqueued %v", err, took, tc.enqueued)
			}
			// The last attempt may still be under way when the next
			// run is due.
			if took > tc.next+time.Second {
				t.Errorf("retryEnqueue took %s, well past the next run at %s", took, tc.next)
			}
			if !tc.enqueued {
				if msg := err.Error(); !strings.Contains(msg, "enqueue scheduled batch:enqueue") || !strings.Contains(msg, "connection refused") {
					t.Errorf("error %q names not the task and the cause", msg)
				}
			} else {
				_ = mr.Restart()
				ins := asynq.NewInspector(conn)
				defer ins.Close()
				tasks, err := ins.ListPendingTasks(DefaultQueue)
				if err != nil || len(tasks) != 1 || tasks[0].Type != TypeEnqueue {
					t.Errorf("pending tasks after the retry: %d (%v), want one %s", len(tasks), err, TypeEnqueue)
				}
			}
			got := log.text()
			for _, want := range tc.log {
				if !strings.Contains(got, want) {
					t.Errorf("log lacks %q:\n%s", want, got)
				}
			}
			t.Logf("%s: %s", took.Round(10*time.Millisecond), strings.ReplaceAll(got, "\n", " | "))
		})
	}
}

// TestRetryEnqueueStopsWithContext ends a retrying run when the
// scheduler shuts down.
func TestRetryEnqueueStopsWithContext(t *testing.T) {
	mr := miniredis.RunT(t)
	c := asynq.NewClient(asynq.RedisClientOpt{Addr: mr.Addr()})
	defer c.Close()
	task, err := NewEnqueueTask(EnqueuePayload{Source: "/calls", Reports: "/reports"})
	if err != nil {
		t.Fatal(err)
	}
	mr.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	start := time.Now()
	err = retryEnqueue(ctx, c, task, nil, errors.New("connection refused"), start.Add(time.Minute), nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("retryEnqueue = %v, want the context's end", err)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("retryEnqueue took %s to notice the context's end", took)
	}
}
