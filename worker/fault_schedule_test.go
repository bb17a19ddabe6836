package worker

// Scheduled batches on Redis deployments: `calltrust schedule` registers
// its batch:enqueue task with asynq's scheduler on a Redis Cluster, or
// through Sentinel while the master is killed, and the workers run the
// task, which enqueues the nightly batch, work it and write its summary.

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/calltrust/calltrust/queue"
	"github.com/hibiken/asynq"
)

// scheduleSpec fires the scheduler every second, so that a test sees
// several runs in a few seconds and a Sentinel failover (over a second)
// surely meets one.
const scheduleSpec = "@every 1s"

// schedule starts `calltrust schedule` on the batch's source and Redis
// with the default batch ID, nightly-{date}, and sets f.batch to the batch
// it announces, which must be the previous day's in UTC.
func (f *faultEnv) schedule(t *testing.T) *workerProc {
	t.Helper()
	yesterday := func() string { return "nightly-" + time.Now().UTC().AddDate(0, 0, -1).Format("2006-01-02") }
	before := yesterday()
	p := startCalltrustProc(t, f.env, "schedule", f.source, "--cron", scheduleSpec, "--reports", f.reports, "--redis", f.redisURL())
	announced := regexp.MustCompile(`(?m)^scheduled batch:enqueue "` + regexp.QuoteMeta(scheduleSpec) + `" \(UTC\): next at \S+ enqueues batch (\S+)$`)
	waitFor(t, 30*time.Second, "schedule announces its batch", func() error {
		select {
		case err := <-p.exited:
			t.Fatalf("schedule exited at start: %v\n%s", err, p.logText())
		default:
		}
		m := announced.FindStringSubmatch(p.logText())
		if m == nil {
			return errors.New("no announcement yet")
		}
		f.batch = m[1]
		return nil
	})
	if f.batch != before && f.batch != yesterday() {
		t.Fatalf("schedule announced batch %s, want %s", f.batch, before)
	}
	return p
}

// enqueueRun is a worker's log line of one batch:enqueue task.
type enqueueRun struct {
	Time     time.Time `json:"time"`
	Batch    string    `json:"batch"`
	Outcome  string    `json:"outcome"`
	Enqueued int       `json:"enqueued"`
	Already  int       `json:"already_enqueued"`
}

// enqueueRuns returns the batch:enqueue task lines of the workers' logs.
func enqueueRuns(t *testing.T, workers ...*workerProc) []enqueueRun {
	t.Helper()
	var runs []enqueueRun
	for _, w := range workers {
		for _, line := range strings.Split(w.logText(), "\n") {
			if !strings.Contains(line, `"task":"`+queue.TypeEnqueue+`"`) {
				continue
			}
			var r enqueueRun
			if err := json.Unmarshal([]byte(line), &r); err != nil {
				t.Fatalf("worker log line: %v: %.200s", err, line)
			}
			runs = append(runs, r)
		}
	}
	return runs
}

// checkScheduler checks that the scheduler is still running, stops it
// with SIGTERM (it must exit 0) and checks its log holds JSON lines only
// after the announcement, without a panic or the S3 secret key.
func (f *faultEnv) checkScheduler(t *testing.T, p *workerProc) {
	t.Helper()
	select {
	case err := <-p.exited:
		t.Fatalf("schedule exited during the batch: %v", err)
	default:
	}
	p.stop(t)
	logs := p.logText()
	if strings.Contains(logs, "panic:") || strings.Contains(logs, f.ms.SecretKey()) {
		t.Errorf("schedule logged a panic or the S3 secret key")
	}
	for _, line := range strings.Split(logs, "\n") {
		if line != "" && !strings.HasPrefix(line, "scheduled ") && !json.Valid([]byte(line)) {
			t.Errorf("schedule logged a line that is not JSON: %.200s", line)
			break
		}
	}
}

// schedulerEntry returns the one batch:enqueue entry asynq's scheduler
// has registered in Redis.
func schedulerEntry(ins *asynq.Inspector) (*asynq.SchedulerEntry, error) {
	entries, err := ins.SchedulerEntries()
	if err != nil {
		return nil, err
	}
	if len(entries) != 1 {
		return nil, fmt.Errorf("%d scheduler entries, want 1", len(entries))
	}
	e := entries[0]
	if e.Spec != scheduleSpec || e.Task.Type() != queue.TypeEnqueue {
		return nil, fmt.Errorf("scheduler entry %s %q, want %s %q", e.Task.Type(), e.Spec, queue.TypeEnqueue, scheduleSpec)
	}
	return e, nil
}

// TestClusterSchedule runs `calltrust schedule` and two workers on a
// three-master Redis Cluster: the scheduler registers its batch:enqueue
// entry on the cluster, a worker runs the task, which enqueues the
// nightly batch, and the batch is worked and summarized. The later runs
// of the schedule find every call already enqueued.
func TestClusterSchedule(t *testing.T) {
	t.Parallel()
	start := time.Now()
	c := startCluster(t)
	book, conn := c.Book(t)
	f := newFaultEnvOn(t, 60, c.URL(), book, conn)
	w1 := f.worker(t, nil, "--concurrency", "4")
	w2 := f.worker(t, nil, "--concurrency", "4")
	s := f.schedule(t)
	f.waitComplete(t, time.Minute)
	took := time.Since(start)

	ins := asynq.NewInspector(conn)
	defer ins.Close()
	// asynq's scheduler writes its entries every 5 s.
	var e *asynq.SchedulerEntry
	waitFor(t, 15*time.Second, "the scheduler's entry on the cluster", func() (err error) {
		e, err = schedulerEntry(ins)
		return err
	})
	var p queue.EnqueuePayload
	if err := queue.Decode(e.Task, &p); err != nil || p.Source != f.source || p.Reports != f.reports || p.BatchID != queue.DefaultNightlyID {
		t.Errorf("scheduler entry payload %+v (%v), want source %s, reports %s, batch %s", p, err, f.source, f.reports, queue.DefaultNightlyID)
	}
	events, err := ins.ListSchedulerEnqueueEvents(e.ID)
	if err != nil || len(events) == 0 {
		t.Errorf("scheduler enqueue events on the cluster: %d (%v), want some", len(events), err)
	}
	// Let the schedule run once more after the batch completed.
	runsBefore := len(enqueueRuns(t, w1, w2))
	waitFor(t, 15*time.Second, "one more scheduled run", func() error {
		if n := len(enqueueRuns(t, w1, w2)); n <= runsBefore {
			return fmt.Errorf("%d runs", n)
		}
		return nil
	})
	f.checkScheduler(t, s)
	if entries, err := ins.SchedulerEntries(); err != nil || len(entries) != 0 {
		t.Errorf("after the scheduler stopped: %d entries left on the cluster (%v)", len(entries), err)
	}

	runs := enqueueRuns(t, w1, w2)
	enqueued := 0
	for _, r := range runs {
		if r.Batch != f.batch || r.Outcome != OutcomeDone || r.Enqueued+r.Already != len(f.calls) {
			t.Errorf("batch:enqueue run %+v, want batch %s done with %d calls", r, f.batch, len(f.calls))
		}
		enqueued += r.Enqueued
	}
	if enqueued != len(f.calls) {
		t.Errorf("%d scheduled runs enqueued %d calls together, want %d", len(runs), enqueued, len(f.calls))
	}
	if st := f.status(t); st.State != "complete" || st.Calls != len(f.calls) || st.Pending != 0 || st.Failed != len(f.broken) {
		t.Errorf("status: %+v, want complete with %d calls, %d failed", st, len(f.calls), len(f.broken))
	}
	f.checkBatch(t, w1, w2)
	t.Logf("scheduled batch %s complete %s after the start; %d scheduled runs, %d scheduler events; took %s",
		f.batch, took.Round(100*time.Millisecond), len(runs), len(events), time.Since(start).Round(time.Second))
}

// TestSentinelSchedule runs `calltrust schedule` and two workers through
// Sentinel and kills the master with SIGKILL once the scheduled batch is
// under way. After the sentinels promote the replica, the same scheduler
// process, not restarted, registers its entry on the new master and its
// next run enqueues the batch again (finding every call, enqueued before
// or lost with the old master); a run that fell in the failover is tried
// again until enqueued, not dropped; the batch completes with its summary.
func TestSentinelSchedule(t *testing.T) {
	t.Parallel()
	start := time.Now()
	ss := startSentinels(t)
	book, conn := ss.Book(t)
	f := newFaultEnvOn(t, 100, ss.URL(), book, conn)
	// Slow reads keep the batch running when the master is killed.
	via := f.slowTranscripts(t, 100*time.Millisecond)
	w1 := f.worker(t, via, "--concurrency", "4")
	w2 := f.worker(t, via, "--concurrency", "4")
	s := f.schedule(t)
	f.waitFinished(t, 10, time.Minute)

	old, err := ss.masterPort()
	if err != nil {
		t.Fatal(err)
	}
	before := f.finished()
	ss.node(old).Kill()
	killed := time.Now()
	ss.waitPromoted(t, old)
	promoted := time.Since(killed)

	// Whatever the scheduler wrote after the kill is on the new master.
	ins := asynq.NewInspector(conn)
	defer ins.Close()
	var registered, enqueued time.Duration
	waitFor(t, 20*time.Second, "the scheduler's entry and an enqueue event on the new master", func() error {
		e, err := schedulerEntry(ins)
		if err != nil {
			return err
		}
		if registered == 0 && e.Prev.After(killed) {
			registered = time.Since(killed)
		}
		events, err := ins.ListSchedulerEnqueueEvents(e.ID)
		if err != nil {
			return err
		}
		for _, ev := range events {
			if d := ev.EnqueuedAt.Sub(killed); d > 0 && (enqueued == 0 || d < enqueued) {
				enqueued = d
			}
		}
		if registered == 0 || enqueued == 0 {
			return fmt.Errorf("entry last run %s, %d events, none after the kill at %s", e.Prev.Format(time.TimeOnly), len(events), killed.Format(time.TimeOnly))
		}
		return nil
	})
	// A worker ran a task the scheduler enqueued after the kill: it listed
	// the source and enqueued the batch on the new master.
	var after *enqueueRun
	waitFor(t, 20*time.Second, "a batch:enqueue run after the failover", func() error {
		for _, r := range enqueueRuns(t, w1, w2) {
			if r.Time.After(killed) && r.Outcome == OutcomeDone {
				after = &r
				return nil
			}
		}
		return errors.New("none yet")
	})
	if after.Batch != f.batch || after.Enqueued+after.Already != len(f.calls) {
		t.Errorf("batch:enqueue run after the failover: %+v, want batch %s with %d calls", *after, f.batch, len(f.calls))
	}
	f.waitComplete(t, 2*time.Minute)
	f.checkScheduler(t, s)
	// A run that fell in the failover was tried again, not dropped.
	failed, retried, lastRetry := schedulerRetries(t, s)
	if failed == 0 {
		t.Errorf("no scheduled run was refused during the failover, or the refusal was not logged:\n%s", s.logText())
	}
	if strings.Contains(s.logText(), "not enqueued after") || retried != failed {
		t.Errorf("the scheduler could not enqueue %d runs and enqueued %d of them later:\n%s", failed, retried, s.logText())
	}
	for i, w := range []*workerProc{w1, w2} {
		select {
		case err := <-w.exited:
			t.Errorf("worker %d exited during the batch: %v", i+1, err)
		default:
		}
	}
	if st := f.status(t); st.State != "complete" || st.Pending != 0 || st.Done+st.Failed != len(f.calls) || st.Failed != len(f.broken) {
		t.Errorf("status after the batch: %+v, want complete with %d calls, %d failed", st, len(f.calls), len(f.broken))
	}
	f.checkBatch(t, w1, w2)
	retriedAt := "-"
	if !lastRetry.IsZero() {
		retriedAt = fmt.Sprintf("%.0f s", lastRetry.Sub(killed.Truncate(time.Second)).Seconds())
	}
	t.Logf("master killed after %d of %d calls; replica promoted %s later; scheduled runs refused and tried again: %d, the last enqueued at about %s after the kill; "+
		"asynq's first recorded run on the new master %s after the kill, its entry there %s after (it writes it every 5 s); the run after the failover enqueued %d (already %d); took %s",
		before, len(f.calls), promoted.Round(100*time.Millisecond), failed, retriedAt,
		enqueued.Round(100*time.Millisecond), registered.Round(100*time.Millisecond),
		after.Enqueued, after.Already, time.Since(start).Round(time.Second))
}

// schedulerRetries counts the scheduled runs Redis refused and those of
// them enqueued when tried again, with the time of the last of those.
func schedulerRetries(t *testing.T, s *workerProc) (failed, retried int, last time.Time) {
	t.Helper()
	for _, line := range strings.Split(s.logText(), "\n") {
		var l struct {
			Time    time.Time `json:"time"`
			Message string    `json:"message"`
		}
		if json.Unmarshal([]byte(line), &l) != nil {
			continue
		}
		switch {
		case strings.HasPrefix(l.Message, "scheduled "+queue.TypeEnqueue+" not enqueued: "):
			failed++
		case strings.HasPrefix(l.Message, "scheduled "+queue.TypeEnqueue+" enqueued as task "):
			retried++
			last = l.Time
		}
	}
	return failed, retried, last
}
