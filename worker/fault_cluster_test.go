package worker

// Cluster tests: calltrust processes on a three-master Redis Cluster,
// reached with a redis-cluster:// URL.

import (
	"testing"
	"time"

	"github.com/calltrust/calltrust/queue"
	"github.com/hibiken/asynq"
)

// TestClusterBatch runs a batch through `calltrust enqueue` and two
// workers given a redis-cluster:// URL: the bookkeeping's transactions
// touch keys of one hash slot each, so the cluster takes them. Enqueueing
// it again enqueues nothing, and `status` reads it.
func TestClusterBatch(t *testing.T) {
	t.Parallel()
	start := time.Now()
	c := startCluster(t)
	book, conn := c.Book(t)
	runBatchOn(t, c.URL(), book, conn)
	t.Logf("took %s", time.Since(start).Round(time.Second))
}

// runBatchOn runs a batch of 60 calls through `calltrust enqueue` and two
// workers given redisURL, enqueues it again (nothing new), reads it with
// `status`, and checks every call ended as one report or one failure.
func runBatchOn(t *testing.T, redisURL string, book *queue.Book, conn asynq.RedisConnOpt) {
	t.Helper()
	f := newFaultEnvOn(t, 60, redisURL, book, conn)
	f.enqueue(t, nil)
	w1 := f.worker(t, nil, "--concurrency", "4")
	w2 := f.worker(t, nil, "--concurrency", "4")
	f.waitComplete(t, time.Minute)
	f.checkDedup(t)
	if st := f.status(t); st.State != "complete" || st.Calls != len(f.calls) || st.Pending != 0 || st.Failed != len(f.broken) {
		t.Errorf("status: %+v, want complete with %d calls, %d failed", st, len(f.calls), len(f.broken))
	}
	f.checkBatch(t, w1, w2)
}
