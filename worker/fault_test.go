package worker

// Fault tests: calltrust worker processes on a real redis-server and a
// real MinIO while a worker is killed or stopped, Redis restarts, S3 goes
// away or answers errors, or a batch is enqueued twice at once. Each test
// ends with faultEnv.checkBatch: every call has exactly one report or one
// listed failure, and the counts add up.

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/calltrust/calltrust/queue"
	"github.com/hibiken/asynq"
)

// TestFaultDoubleEnqueue enqueues the same batch from two `calltrust
// enqueue` processes started at the same moment, with two workers
// already running: each call is enqueued by one of them and processed
// once.
func TestFaultDoubleEnqueue(t *testing.T) {
	t.Parallel()
	start := time.Now()
	f := newFaultEnv(t, 300)
	w1 := f.worker(t, nil, "--concurrency", "4")
	w2 := f.worker(t, nil, "--concurrency", "4")

	// Both processes list the source through a proxy that holds each
	// listing until the other has asked too, so that they enqueue the
	// same calls at the same moment.
	proxy := startFaultProxy(t, f.ms.Endpoint())
	var listings atomic.Int32
	both := make(chan struct{})
	proxy.setRule(func(r s3Request) s3Fault {
		if r.Method != "GET" || r.Key != "" {
			return s3Fault{}
		}
		if listings.Add(1) == 2 {
			close(both)
		}
		select {
		case <-both:
		case <-time.After(10 * time.Second):
		}
		return s3Fault{}
	})
	outs := make([]bytes.Buffer, 2)
	cmds := make([]*exec.Cmd, 2)
	for i := range cmds {
		cmds[i] = exec.Command(buildCalltrust(t), f.enqueueArgs()...)
		cmds[i].Env = append(append(os.Environ(), f.env...), "CALLTRUST_ENDPOINT="+proxy.URL)
		cmds[i].Stdout, cmds[i].Stderr = &outs[i], &outs[i]
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, c := range cmds {
		wg.Go(func() { errs[i] = c.Run() })
	}
	wg.Wait()
	enqueued := 0
	for i := range cmds {
		if errs[i] != nil {
			t.Fatalf("enqueue %d: %v\n%s", i+1, errs[i], outs[i].String())
		}
		n, already := enqueueCounts(t, outs[i].String())
		if n+already != len(f.calls) {
			t.Errorf("enqueue %d: enqueued %d + already enqueued %d, want %d", i+1, n, already, len(f.calls))
		}
		enqueued += n
		t.Logf("enqueue %d: enqueued %d, already enqueued %d", i+1, n, already)
	}
	if enqueued != len(f.calls) {
		t.Errorf("the two enqueues enqueued %d tasks together, want %d", enqueued, len(f.calls))
	}

	f.waitComplete(t, time.Minute)
	f.checkBatch(t, w1, w2)
	lines := taskLines(t, w1, w2)
	for _, call := range sortedKeys(f.calls) {
		n := outcomesOf(lines[call])
		if len(lines[call]) != 1 || n[OutcomeDone]+n[OutcomeFailed] != 1 {
			t.Errorf("%s: processed %d times (%v), want once", call, len(lines[call]), n)
		}
	}
	t.Logf("%d calls enqueued by two processes at once, each processed once, in %s", len(f.calls), time.Since(start).Round(time.Second))
}

// enqueueCounts reads the "enqueued" and "already enqueued" counts of
// `calltrust enqueue`'s output.
func enqueueCounts(t *testing.T, out string) (enqueued, already int) {
	t.Helper()
	for _, m := range regexp.MustCompile(`(?m)^\s+(enqueued|already enqueued):\s+(\d+)$`).FindAllStringSubmatch(out, -1) {
		n, _ := strconv.Atoi(m[2])
		if m[1] == "enqueued" {
			enqueued = n
		} else {
			already = n
		}
	}
	return enqueued, already
}

// TestFaultWorkerKilled kills a worker with SIGKILL in the middle of a
// 500-call batch, while it has tasks in flight, and starts a new worker:
// asynq gives the killed worker's tasks back once their lease has expired
// (about a minute), and the batch completes.
func TestFaultWorkerKilled(t *testing.T) {
	t.Parallel()
	start := time.Now()
	f := newFaultEnv(t, 500)
	// The first worker reads transcripts through a proxy that delays them,
	// so that it is surely busy with several calls when it is killed.
	via := f.slowTranscripts(t, 100*time.Millisecond)
	f.enqueue(t, nil)
	w1 := f.worker(t, via, "--concurrency", "8")
	f.waitFinished(t, 100, time.Minute)
	w1.cmd.Process.Kill()
	<-w1.exited
	killed := time.Now()
	ins := asynq.NewInspector(f.conn)
	defer ins.Close()
	qi, err := ins.GetQueueInfo(queue.DefaultQueue)
	if err != nil {
		t.Fatal(err)
	}
	if qi.Active == 0 {
		t.Fatalf("no task in flight when the worker was killed: %+v", qi)
	}
	t.Logf("killed the worker after %d of %d calls, with %d tasks in flight", f.finished(), len(f.calls), qi.Active)

	w2 := f.worker(t, nil, "--concurrency", "8")
	f.waitComplete(t, 3*time.Minute)
	t.Logf("batch complete %s after the kill", time.Since(killed).Round(time.Second))
	f.checkBatch(t, w1, w2)
	t.Logf("took %s", time.Since(start).Round(time.Second))
}

// TestFaultRedisRestart stops redis-server in the middle of a batch,
// waits, and starts it again on the same port with its data: the workers
// reconnect by themselves and the batch completes.
func TestFaultRedisRestart(t *testing.T) {
	t.Parallel()
	start := time.Now()
	f := newFaultEnv(t, 300)
	via := f.slowTranscripts(t, 100*time.Millisecond)
	f.enqueue(t, nil)
	w1 := f.worker(t, via, "--concurrency", "4")
	w2 := f.worker(t, via, "--concurrency", "4")
	f.waitFinished(t, 60, time.Minute)

	t.Logf("stopping redis-server after %d of %d calls", f.finished(), len(f.calls))
	f.rs.Stop()
	time.Sleep(5 * time.Second)
	f.rs.Start()
	restarted := time.Now()
	f.waitFinished(t, f.finished()+1, time.Minute)

	f.waitComplete(t, 3*time.Minute)
	t.Logf("redis-server back after 5 s; batch complete %s later", time.Since(restarted).Round(time.Second))
	for i, w := range []*workerProc{w1, w2} {
		select {
		case err := <-w.exited:
			t.Errorf("worker %d exited during the batch: %v", i+1, err)
		default:
		}
	}
	f.checkBatch(t, w1, w2)
	t.Logf("took %s", time.Since(start).Round(time.Second))
}

// TestFaultS3Down stops MinIO for 10 seconds in the middle of a batch:
// the requests that fail meanwhile are retried and the batch completes.
func TestFaultS3Down(t *testing.T) {
	t.Parallel()
	start := time.Now()
	f := newFaultEnv(t, 300)
	f.enqueue(t, nil)
	w1 := f.worker(t, nil, "--concurrency", "2")
	f.waitFinished(t, 60, time.Minute)

	f.ms.Stop()
	t.Logf("MinIO stopped after %d of %d calls", f.finished(), len(f.calls))
	time.Sleep(10 * time.Second)
	f.ms.Start()
	t.Logf("MinIO back after 10 s with %d calls finished", f.finished())

	f.waitComplete(t, 2*time.Minute)
	f.checkBatch(t, w1)
	retried := 0
	for _, lines := range taskLines(t, w1) {
		retried += outcomesOf(lines)[OutcomeRetry]
	}
	t.Logf("%d task attempts failed and were retried; took %s", retried, time.Since(start).Round(time.Second))
}

// TestFaultS3Errors puts a fault-injecting proxy between the workers and
// MinIO.
func TestFaultS3Errors(t *testing.T) {
	t.Parallel()
	// A fifth of all requests answered with 503 SlowDown or 500
	// InternalError: the SDK's and the task's retries absorb them.
	t.Run("SlowDown and InternalError on 20% of requests", func(t *testing.T) {
		t.Parallel()
		start := time.Now()
		f := newFaultEnv(t, 100)
		proxy := startFaultProxy(t, f.ms.Endpoint())
		proxy.setRule(flakyRule(0.2))
		via := []string{"CALLTRUST_ENDPOINT=" + proxy.URL}
		f.enqueue(t, via)
		w := f.worker(t, via, "--concurrency", "16")
		f.waitComplete(t, 2*time.Minute)
		f.checkBatch(t, w)
		if proxy.injectedCount("SlowDown") == 0 || proxy.injectedCount("InternalError") == 0 {
			t.Errorf("the proxy injected %d SlowDown and %d InternalError", proxy.injectedCount("SlowDown"), proxy.injectedCount("InternalError"))
		}
		t.Logf("%d requests, %d SlowDown, %d InternalError; took %s", proxy.requests.Load(),
			proxy.injectedCount("SlowDown"), proxy.injectedCount("InternalError"), time.Since(start).Round(time.Second))
	})

	// Requests for some objects always fail: those calls end as failures
	// with the S3 error in the reason, after --max-retry retries.
	t.Run("requests for some keys always fail", func(t *testing.T) {
		t.Parallel()
		start := time.Now()
		f := newFaultEnv(t, 50)
		proxy := startFaultProxy(t, f.ms.Endpoint())
		proxy.setRule(keyRule(map[string]s3Fault{
			"in/gen/call0003.txt":                           faultInternal,
			"in/gen/call0007.txt":                           faultSlowDown,
			"reports/" + f.batch + "/gen/call0011.txt.json": faultInternal,
		}))
		f.broken["gen/call0003.txt"] = "InternalError"
		f.broken["gen/call0007.txt"] = "SlowDown"
		f.broken["gen/call0011.txt"] = "InternalError"
		via := []string{"CALLTRUST_ENDPOINT=" + proxy.URL}
		f.enqueue(t, via, "--max-retry", "2")
		w := f.worker(t, via, "--concurrency", "4")
		f.waitComplete(t, 2*time.Minute)
		s := f.checkBatch(t, w)
		for _, fl := range s.Failures {
			t.Logf("failure %s: %s", fl.Call, fl.Reason)
		}
		t.Logf("took %s", time.Since(start).Round(time.Second))
	})
}

// TestFaultWorkerSIGTERM stops a busy worker with SIGTERM: it exits within
// its shutdown timeout, the tasks that could not finish by then go back
// to the queue at once (none is left running for the lease recovery), and
// another worker completes the batch.
func TestFaultWorkerSIGTERM(t *testing.T) {
	t.Parallel()
	start := time.Now()
	f := newFaultEnv(t, 200)
	// Every tenth transcript takes 20 s to read through the proxy: those
	// are still in flight when the shutdown timeout ends.
	proxy := startFaultProxy(t, f.ms.Endpoint())
	proxy.setRule(delayRule(func(r s3Request) time.Duration {
		var i int
		if _, err := fmt.Sscanf(r.Key, "in/gen/call%04d.txt", &i); err != nil || r.Method != "GET" {
			return 0
		}
		if i%10 == 0 {
			return 20 * time.Second
		}
		return 100 * time.Millisecond
	}))
	f.enqueue(t, nil)
	const shutdown = 3 * time.Second
	w1 := f.worker(t, []string{"CALLTRUST_ENDPOINT=" + proxy.URL}, "--concurrency", "8", "--shutdown-timeout", shutdown.String())
	f.waitFinished(t, 30, time.Minute)

	stopped := time.Now()
	w1.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-w1.exited:
		if err != nil {
			t.Errorf("worker exited with %v after SIGTERM", err)
		}
	case <-time.After(shutdown + 10*time.Second):
		t.Fatalf("worker still running %s after SIGTERM", shutdown+10*time.Second)
	}
	took := time.Since(stopped)
	if took > shutdown+5*time.Second {
		t.Errorf("worker took %s to stop, shutdown timeout %s", took, shutdown)
	}
	ins := asynq.NewInspector(f.conn)
	defer ins.Close()
	qi, err := ins.GetQueueInfo(queue.DefaultQueue)
	if err != nil {
		t.Fatal(err)
	}
	if qi.Active != 0 {
		t.Errorf("%d tasks left active after the worker stopped: they wait for the lease recovery instead of going back to the queue", qi.Active)
	}
	if !strings.Contains(w1.logText(), "Quitting worker") || qi.Pending == 0 {
		t.Errorf("the stopped worker handed no task back to the queue")
	}
	t.Logf("worker stopped %s after SIGTERM with %d of %d calls finished; %d pending", took.Round(100*time.Millisecond), f.finished(), len(f.calls), qi.Pending)

	w2 := f.worker(t, nil, "--concurrency", "8")
	f.waitComplete(t, 25*time.Second)
	f.checkBatch(t, w1, w2)
	t.Logf("took %s", time.Since(start).Round(time.Second))
}
