package worker

// Cluster tests: calltrust processes on a three-master Redis Cluster,
// reached with a redis-cluster:// URL.

import (
	"testing"
	"time"
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
	f := newFaultEnvOn(t, 60, c.URL(), book, conn)
	f.enqueue(t, nil)
	w1 := f.worker(t, nil, "--concurrency", "4")
	w2 := f.worker(t, nil, "--concurrency", "4")
	f.waitComplete(t, time.Minute)
	f.checkDedup(t)
	if st := f.status(t); st.State != "complete" || st.Calls != len(f.calls) || st.Pending != 0 || st.Failed != len(f.broken) {
		t.Errorf("status: %+v, want complete with %d calls, %d failed", st, len(f.calls), len(f.broken))
	}
	f.checkBatch(t, w1, w2)
	t.Logf("took %s", time.Since(start).Round(time.Second))
}
