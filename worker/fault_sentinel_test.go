package worker

// Sentinel tests: calltrust processes on a Redis master and replica
// watched by three sentinels, reached with a redis-sentinel:// URL. A
// batch runs through, and runs on while the master is killed and the
// sentinels promote the replica.

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/calltrust/calltrust/internal/testservers"
	"github.com/calltrust/calltrust/queue"
	"github.com/hibiken/asynq"
)

// newFaultEnvOn is newFaultEnv on a Redis deployment the test started
// itself, reached with url by the calltrust processes and with book and
// conn by the test.
func newFaultEnvOn(t *testing.T, n int, url string, book *queue.Book, conn asynq.RedisConnOpt) *faultEnv {
	t.Helper()
	f := &faultEnv{ms: startMinio(t), url: url, book: book, conn: conn, batch: "fault-" + testservers.RandomHex(t, 3)}
	buildCalltrust(t)
	f.env = f.ms.Env()
	f.ms.CreateBucket(t, faultBucket)
	f.source = "s3://" + faultBucket + "/in/"
	f.reports = "s3://" + faultBucket + "/reports/"
	if _, err := f.ms.Client().PutBucketVersioning(context.Background(), &s3.PutBucketVersioningInput{
		Bucket:                  aws.String(faultBucket),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled},
	}); err != nil {
		t.Fatalf("enable versioning: %v", err)
	}
	f.calls = map[string][]byte{}
	for i := range n {
		f.calls[fmt.Sprintf("gen/call%04d.txt", i)] = genTranscript(i)
	}
	f.calls["broken/empty.txt"] = nil
	f.calls["broken/one-speaker.txt"] = []byte("Dana: Hello? Is anyone there?\nDana: I will call back later.\n")
	f.broken = map[string]string{"broken/empty.txt": "empty", "broken/one-speaker.txt": "speaker"}
	f.upload(t)
	return f
}

// batchStatus is what `calltrust status --json` prints.
type batchStatus struct {
	State                        string
	Calls, Pending, Done, Failed int
}

// status runs `calltrust status --json` on the batch.
func (f *faultEnv) status(t *testing.T) batchStatus {
	t.Helper()
	out := calltrustCmd(t, nil, "status", "--json", "--batch", f.batch, "--redis", f.redisURL())
	var st batchStatus
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("status --json: %v\n%s", err, out)
	}
	return st
}

// checkDedup runs the same enqueue again and checks it enqueued nothing.
func (f *faultEnv) checkDedup(t *testing.T) {
	t.Helper()
	out := calltrustCmd(t, f.env, f.enqueueArgs()...)
	if n, already := enqueueCounts(t, out); n != 0 || already != len(f.calls) {
		t.Errorf("second enqueue: enqueued %d, already enqueued %d; want 0 and %d", n, already, len(f.calls))
	}
}

// TestSentinelBatch runs a batch through `calltrust enqueue` and two
// workers given a redis-sentinel:// URL; enqueueing it again enqueues
// nothing, and `status` reads it.
func TestSentinelBatch(t *testing.T) {
	t.Parallel()
	start := time.Now()
	ss := startSentinels(t)
	book, conn := ss.Book(t)
	runBatchOn(t, ss.URL(), book, conn)
	t.Logf("took %s", time.Since(start).Round(time.Second))
}

// TestSentinelFailover kills the Redis master with SIGKILL in the middle
// of a batch worked by two workers; the sentinels promote the replica and
// the workers, `status` and a rerun of the enqueue carry on through the
// new master without a restart. The old master is then started again (the
// sentinels make it a replica) and the new master is killed in turn: a
// second failover. Every call still ends as exactly one report or one
// listed failure.
func TestSentinelFailover(t *testing.T) {
	t.Parallel()
	start := time.Now()
	ss := startSentinels(t)
	book, conn := ss.Book(t)
	f := newFaultEnvOn(t, sentinelFailoverCalls, ss.URL(), book, conn)
	// Transcripts are read through a proxy that delays them: 50 ms while
	// the test waits for the batch, 2 s while it waits for the old master
	// to rejoin, so that the second failover finds the batch still running.
	var delay atomic.Int64
	delay.Store(int64(50 * time.Millisecond))
	proxy := startFaultProxy(t, f.ms.Endpoint())
	proxy.setRule(delayRule(func(r s3Request) time.Duration {
		if strings.HasPrefix(r.Key, "in/") {
			return time.Duration(delay.Load())
		}
		return 0
	}))
	via := []string{"CALLTRUST_ENDPOINT=" + proxy.URL}
	f.enqueue(t, nil)
	w1 := f.worker(t, via, "--concurrency", "4")
	w2 := f.worker(t, via, "--concurrency", "4")

	f.waitFinished(t, len(f.calls)/5, 2*time.Minute)
	for round := range 2 {
		old, err := ss.masterPort()
		if err != nil {
			t.Fatal(err)
		}
		master := ss.node(old)
		before := f.finished()
		if before >= len(f.calls) {
			t.Fatalf("failover %d: the batch finished before the master was killed", round+1)
		}
		t.Logf("failover %d: killing the master (port %d) after %d of %d calls", round+1, old, before, len(f.calls))
		master.Kill()
		killed := time.Now()
		ss.waitPromoted(t, old)
		promoted := time.Since(killed)
		// status works through the new master, and a rerun of the enqueue
		// finds again any enqueue the old master had not replicated.
		st := f.status(t)
		out := calltrustCmd(t, f.env, f.enqueueArgs()...)
		n, already := enqueueCounts(t, out)
		if n+already != len(f.calls) {
			t.Errorf("rerun of the enqueue: enqueued %d + already %d, want %d", n, already, len(f.calls))
		}
		t.Logf("failover %d: replica promoted %s after the kill; status then: %+v; the rerun enqueued %d lost tasks",
			round+1, promoted.Round(100*time.Millisecond), st, n)
		// The old master comes back; the sentinels make it a replica of
		// the new one, ready to be promoted in the next round.
		delay.Store(int64(2 * time.Second))
		master.Start()
		waitFor(t, 30*time.Second, "old master rejoined as a replica", func() error { return inSync(master) })
		delay.Store(int64(50 * time.Millisecond))
		t.Logf("failover %d: old master back as a replica %s after the kill, %d calls finished meanwhile",
			round+1, time.Since(killed).Round(100*time.Millisecond), f.finished()-before)
	}
	f.waitComplete(t, 3*time.Minute)
	for i, w := range []*workerProc{w1, w2} {
		select {
		case err := <-w.exited:
			t.Errorf("worker %d exited during the batch: %v", i+1, err)
		default:
		}
	}
	if st := f.status(t); st.State != "complete" || st.Pending != 0 || st.Done+st.Failed != len(f.calls) {
		t.Errorf("status after the batch: %+v", st)
	}
	f.checkBatch(t, w1, w2)
	t.Logf("took %s", time.Since(start).Round(time.Second))
}

// sentinelFailoverCalls is the size of the failover test's batch.
const sentinelFailoverCalls = 500
