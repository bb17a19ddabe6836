package worker

// A worker killed during a call's last attempt. asynq archives a task
// whose lease ran out on its last attempt without running it again, so
// call:analyze tasks carry one spare attempt: the call ends as a listed
// failure that says why, and the batch completes.

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/calltrust/calltrust/queue"
	"github.com/hibiken/asynq"
)

// killDuringCall enqueues the batch with extra enqueue flags, has a first
// worker stall on one call (its transcript never arrives through the
// proxy) while it finishes every other call, kills that worker with
// SIGKILL and starts a second one. It returns the stalled call and both
// workers once the batch is complete.
func killDuringCall(t *testing.T, f *faultEnv, enqueueFlags ...string) (string, *workerProc, *workerProc) {
	t.Helper()
	keys := make([]string, 0, len(f.calls))
	for k := range f.calls {
		if _, broken := f.broken[k]; !broken {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	stalled := keys[len(keys)/2]
	proxy := startFaultProxy(t, f.ms.Endpoint())
	proxy.setRule(delayRule(func(r s3Request) time.Duration {
		if r.Method == "GET" && r.Key == "in/"+stalled {
			return 10 * time.Minute
		}
		return 0
	}))
	f.enqueue(t, nil, enqueueFlags...)
	w1 := f.worker(t, []string{"CALLTRUST_ENDPOINT=" + proxy.URL}, "--concurrency", "4")
	f.waitFinished(t, len(f.calls)-1, 2*time.Minute)
	ins := asynq.NewInspector(f.conn)
	defer ins.Close()
	active, err := ins.ListActiveTasks(queue.DefaultQueue)
	if err != nil {
		t.Fatal(err)
	}
	if len(active) != 1 || !strings.Contains(string(active[0].Payload), stalled) {
		t.Fatalf("want the stalled call %s alone in flight, got %d tasks", stalled, len(active))
	}
	w1.cmd.Process.Kill()
	<-w1.exited
	killed := time.Now()
	w2 := f.worker(t, nil, "--concurrency", "4")
	f.waitComplete(t, 3*time.Minute)
	t.Logf("batch complete %s after the kill", time.Since(killed).Round(time.Second))
	return stalled, w1, w2
}

// TestFaultWorkerKilledOnLastAttempt kills the worker during the only
// attempt --max-retry 0 allows: the call must end as a failure naming
// the cause, not stay pending for ever, and `calltrust status` must count
// it as failed.
func TestFaultWorkerKilledOnLastAttempt(t *testing.T) {
	t.Parallel()
	start := time.Now()
	f := newFaultEnv(t, 12)
	stalled, w1, w2 := killDuringCall(t, f, "--max-retry", "0")
	f.broken[stalled] = ErrAttemptLost.Error()
	s := f.checkBatch(t, w1, w2)
	for _, fl := range s.Failures {
		if fl.Call == stalled && fl.Reason != "gave up after 1 attempt: "+ErrAttemptLost.Error() {
			t.Errorf("failure of %s: %q, want the cause and the attempts", stalled, fl.Reason)
		}
	}
	// The second worker records the failure without reading the call: a
	// call that kills its worker must not kill the next one. Its one line
	// for the call says so, and carries no transcript text.
	lines := taskLines(t, w2)[stalled]
	if len(lines) != 1 || lines[0]["outcome"] != OutcomeFailed || !strings.Contains(fmt.Sprint(lines[0]["reason"]), ErrAttemptLost.Error()) {
		t.Errorf("the second worker's lines for %s: %v, want one failure with the cause", stalled, lines)
	}
	if strings.Contains(w2.logText(), "renewals keep slipping") {
		t.Errorf("the second worker logged transcript text")
	}
	out := calltrustCmd(t, nil, "status", "--json", "--batch", f.batch, "--redis", f.rs.URL())
	var st struct {
		State                  string
		Calls, Pending, Failed int
	}
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("status --json: %v\n%s", err, out)
	}
	if st.State != "complete" || st.Pending != 0 || st.Failed != len(f.broken) {
		t.Errorf("status: %s", out)
	}
	t.Logf("took %s", time.Since(start).Round(time.Second))
}

// TestFaultWorkerKilledThenRetried kills the worker during the first of
// two attempts (--max-retry 1): the spare attempt must not take the place
// of the retry, so the call is analyzed again and reported.
func TestFaultWorkerKilledThenRetried(t *testing.T) {
	t.Parallel()
	f := newFaultEnv(t, 12)
	stalled, w1, w2 := killDuringCall(t, f, "--max-retry", "1")
	s := f.checkBatch(t, w1, w2)
	for _, r := range s.Rows {
		if r.Call == stalled && r.Status != RowReported {
			t.Errorf("%s: %s (%s), want it reported on its retry", stalled, r.Status, r.Reason)
		}
	}
}
