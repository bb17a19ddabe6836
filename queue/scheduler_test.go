package queue

import (
	"context"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/hibiken/asynq"
)

func TestScheduleEnqueuesBatchTask(t *testing.T) {
	mr := miniredis.RunT(t)
	conn := asynq.RedisClientOpt{Addr: mr.Addr()}
	ins := asynq.NewInspector(conn)
	defer ins.Close()
	p := EnqueuePayload{Source: "s3://bucket/calls/{date}/", Reports: "s3://bucket/reports/", TZ: "Europe/Berlin", Options: DefaultOptions()}

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Schedule(ctx, conn, "@every 1s", p, nil, asynq.ErrorLevel) }()
	var tasks []*asynq.TaskInfo
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) && len(tasks) == 0 {
		time.Sleep(200 * time.Millisecond)
		tasks, _ = ins.ListPendingTasks(DefaultQueue)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Schedule = %v", err)
	}
	if len(tasks) == 0 {
		t.Fatal("no batch:enqueue task within 10 s")
	}
	if tasks[0].Type != TypeEnqueue {
		t.Fatalf("task type = %s, want %s", tasks[0].Type, TypeEnqueue)
	}
	var got EnqueuePayload
	if err := Decode(asynq.NewTask(tasks[0].Type, tasks[0].Payload), &got); err != nil {
		t.Fatal(err)
	}
	if got.Source != p.Source || got.TZ != p.TZ || got.Options != p.Options {
		t.Errorf("payload = %+v, want %+v", got, p)
	}
}

func TestScheduleRefusesBadSpec(t *testing.T) {
	mr := miniredis.RunT(t)
	conn := asynq.RedisClientOpt{Addr: mr.Addr()}
	cases := []struct {
		name string
		cron string
		p    EnqueuePayload
	}{
		{"bad cron", "every day", EnqueuePayload{Source: "/x"}},
		{"bad zone", "@daily", EnqueuePayload{Source: "/x", TZ: "Nowhere/City"}},
		{"bad batch", "@daily", EnqueuePayload{Source: "/x", BatchID: "a b"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := Schedule(context.Background(), conn, tc.cron, tc.p, nil, asynq.ErrorLevel); err == nil {
				t.Error("Schedule accepted it")
			}
		})
	}
}
