package worker

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestMemoryBudget runs large valid transcripts at a concurrency that
// would analyze them all at once: an analysis budget (the size cap) of
// 8 MB lets two in at a time, which keeps the peak under rssLimit, and
// well under a run whose budget lets all of them in.
func TestMemoryBudget(t *testing.T) {
	const files, size, budget = 6, 3 << 20, 8 << 20
	src := t.TempDir()
	var turn strings.Builder
	for turn.Len() < 12<<10 {
		turn.WriteString("We will review the renewal plan with the security team before the quarter ends. ")
	}
	var call strings.Builder
	for i := 0; call.Len() < size; i++ {
		fmt.Fprintf(&call, "%s: %s\n", []string{"Dana", "Sam"}[i%2], turn.String())
	}
	for i := range files {
		writeFiles(t, src, map[string]string{fmt.Sprintf("long%d.txt", i): call.String()})
	}
	run := func(maxBytes int64) int64 {
		t.Helper()
		cmd := exec.Command(buildCalltrust(t), "run", src, "--out", t.TempDir(), "--batch", "big",
			"--concurrency", fmt.Sprint(files), "--max-bytes", fmt.Sprint(maxBytes), "--no-progress")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("calltrust run: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
		}
		if !strings.Contains(stdout.String(), fmt.Sprintf("reported: %d,", files)) {
			t.Errorf("not every call reported:\n%s", stdout.String())
		}
		return peakRSS(t, cmd.ProcessState)
	}
	budgeted := run(budget)
	checkRSS(t, fmt.Sprintf("%d transcripts of %d MB at concurrency %d, budget %d MB", files, size>>20, files, budget>>20), budgeted, rssLimit)
	all := run(files * size * 2)
	t.Logf("peak RSS with a budget that lets all %d in at once: %.1f MB", files, float64(all)/(1<<20))
	if budgeted > all*3/4 {
		t.Errorf("the budget saves little: %.1f MB with it, %.1f MB without", float64(budgeted)/(1<<20), float64(all)/(1<<20))
	}
}

func TestBudget(t *testing.T) {
	ctx := context.Background()
	granted := func(b *budget, n int64) chan error {
		ch := make(chan error, 1)
		go func() { ch <- b.acquire(ctx, n) }()
		return ch
	}
	waiting := func(ch chan error) bool {
		select {
		case <-ch:
			return false
		case <-time.After(50 * time.Millisecond):
			return true
		}
	}
	t.Run("grants in arrival order", func(t *testing.T) {
		b := newBudget(16)
		if err := b.acquire(ctx, 10); err != nil {
			t.Fatal(err)
		}
		heavy := granted(b, 10)
		if !waiting(heavy) {
			t.Fatal("10 + 10 granted on a budget of 16")
		}
		light := granted(b, 2)
		if !waiting(light) {
			t.Fatal("a light call went ahead of the heavy one waiting")
		}
		b.release(10)
		if err := <-heavy; err != nil {
			t.Fatal(err)
		}
		if err := <-light; err != nil {
			t.Fatal(err)
		}
	})
	t.Run("over the budget runs alone", func(t *testing.T) {
		b := newBudget(16)
		if err := b.acquire(ctx, 100); err != nil {
			t.Fatal(err)
		}
		other := granted(b, 1)
		if !waiting(other) {
			t.Fatal("granted next to a call over the whole budget")
		}
		b.release(100)
		if err := <-other; err != nil {
			t.Fatal(err)
		}
	})
	t.Run("a cancelled wait gives way", func(t *testing.T) {
		b := newBudget(16)
		if err := b.acquire(ctx, 10); err != nil {
			t.Fatal(err)
		}
		cctx, cancel := context.WithCancel(ctx)
		heavy := make(chan error, 1)
		go func() { heavy <- b.acquire(cctx, 10) }()
		time.Sleep(20 * time.Millisecond)
		light := granted(b, 2)
		if !waiting(light) {
			t.Fatal("a light call went ahead of the heavy one waiting")
		}
		cancel()
		if err := <-heavy; err == nil {
			t.Fatal("a cancelled wait was granted")
		}
		if err := <-light; err != nil {
			t.Fatal(err)
		}
	})
}
