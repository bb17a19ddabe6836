package queue

import (
	"context"
	"fmt"
	"testing"

	"github.com/alicebob/miniredis/v2"
	"github.com/hibiken/asynq"
)

// BenchmarkEnqueue enqueues batches of 1,000 calls on an embedded Redis
// with the default options (task IDs, retention, concurrent enqueue
// workers) and reports tasks/s. It shows regressions in the client side
// of enqueueing; scripts/bench measures the rate against redis-server.
func BenchmarkEnqueue(b *testing.B) {
	mr := miniredis.RunT(b)
	conn := asynq.RedisClientOpt{Addr: mr.Addr(), PoolSize: DefaultPoolSize}
	rdb, err := NewRedisClient(conn)
	if err != nil {
		b.Fatal(err)
	}
	book := NewBook(rdb)
	client := asynq.NewClient(conn)
	b.Cleanup(func() { client.Close(); book.Close() })
	enq := NewEnqueuer(client, book)
	ctx := context.Background()
	const calls = 1000
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		bt := Batch{ID: fmt.Sprintf("b%d", n), Source: "s3://calls/", Reports: "s3://reports/"}
		n++
		res, err := enq.Enqueue(ctx, bt, listing(calls), DefaultOptions())
		if err != nil {
			b.Fatal(err)
		}
		if res.Enqueued != calls {
			b.Fatalf("enqueued %d, want %d", res.Enqueued, calls)
		}
	}
	b.ReportMetric(float64(n*calls)/b.Elapsed().Seconds(), "tasks/s")
}

// BenchmarkTaskID is the dedup key of every enqueued call.
func BenchmarkTaskID(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		TaskID("nightly-2026-11-21", "calls/2026-11-21/acme-discovery.vtt", "\"9b2cf535f27731c974343645a3985328\"")
	}
}
