package worker

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/calltrust/calltrust/queue"
	"github.com/hibiken/asynq"
)

func TestMetricsEndpoint(t *testing.T) {
	mr := miniredis.RunT(t)
	conn := asynq.RedisClientOpt{Addr: mr.Addr()}
	client := asynq.NewClient(conn)
	defer client.Close()
	task, _ := queue.NewSummarizeTask(queue.SummarizePayload{Batch: "b"})
	if _, err := client.Enqueue(task); err != nil {
		t.Fatal(err)
	}
	ins := asynq.NewInspector(conn)
	defer ins.Close()
	m := NewMetrics(ins)
	m.observe(queue.TypeAnalyze, OutcomeDone, 120*time.Millisecond)
	m.observe(queue.TypeAnalyze, OutcomeFailed, 10*time.Millisecond)
	var healthy error
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr, err := ServeMetrics(ctx, "127.0.0.1:0", m.Handler(func(context.Context) error { return healthy }))
	if err != nil {
		t.Fatal(err)
	}
	get := func(path string) (int, string) {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, body := get("/metrics")
	if code != 200 {
		t.Fatalf("/metrics = %d", code)
	}
	for _, want := range []string{
		`calltrust_tasks_processed_total{outcome="done",type="call:analyze"} 1`,
		`calltrust_tasks_failed_total{type="call:analyze"} 1`,
		`calltrust_task_duration_seconds_count{type="call:analyze"} 2`,
		`calltrust_queue_tasks{queue="default",state="pending"} 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if code, body := get("/healthz"); code != 200 || strings.TrimSpace(body) != "ok" {
		t.Errorf("/healthz = %d %q", code, body)
	}
	healthy = errors.New("redis: connection refused")
	if code, _ := get("/healthz"); code != http.StatusServiceUnavailable {
		t.Errorf("/healthz when unhealthy = %d, want 503", code)
	}
}

func TestMetricsNil(t *testing.T) {
	var m *Metrics
	m.observe(queue.TypeAnalyze, OutcomeDone, time.Second) // must not panic
}
