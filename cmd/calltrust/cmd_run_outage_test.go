package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/calltrust/calltrust/internal/testservers"
)

// outageCall is a small generated call in the "Name: text" format.
func outageCall(i int) string {
	return fmt.Sprintf("Rep%d: Thanks for making time. How do you plan routes today?\n"+
		"Buyer%d: On paper, mostly. We lost %d deliveries last week.\n"+
		"Rep%d: We can run a pilot with one depot and compare in %d weeks.\n"+
		"Buyer%d: Send me the pilot terms.\n", i, i, i%7+1, i, i%5+2, i)
}

// TestRunRidesOutRedisOutage stops redis-server for 3 s in the middle of
// `calltrust run --redis` and starts it again on the same port with its
// data: run waits for it, finishes, and every call has its report.
func TestRunRidesOutRedisOutage(t *testing.T) {
	t.Parallel()
	const calls = 300
	// Every write reaches the disk at once, so that what run wrote
	// before the stop is there after the start.
	rs := testservers.StartRedis(t, testservers.RedisArgs("--appendfsync", "always"))
	src := t.TempDir()
	for i := range calls {
		writeFile(t, src, fmt.Sprintf("c%03d.txt", i), outageCall(i))
	}
	out := filepath.Join(t.TempDir(), "reports")
	type result struct {
		code           int
		stdout, stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, stdout, stderr := runCmd(t, nil, "run", src, "--out", out, "--batch", "outage", "--redis", rs.URL(), "--concurrency", "1", "--timeout", "1m")
		done <- result{code, stdout, stderr}
	}()

	rdb := rs.Client()
	deadline := time.Now().Add(time.Minute)
	for {
		n, _ := rdb.HLen(context.Background(), "calltrust:batch:{outage}:done").Result()
		if n >= 30 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("fewer than 30 calls done after a minute")
		}
		time.Sleep(5 * time.Millisecond)
	}
	rs.Stop()
	stopped := time.Now()
	time.Sleep(3 * time.Second)
	select {
	case r := <-done:
		t.Fatalf("run ended while Redis was down: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	default:
	}
	rs.Start()
	t.Logf("redis-server down for %s", time.Since(stopped).Round(100*time.Millisecond))

	var r result
	select {
	case r = <-done:
	case <-time.After(2 * time.Minute):
		t.Fatal("run still going 2 minutes after Redis came back")
	}
	if r.code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if want := fmt.Sprintf("reported: %d, flagged: ", calls); !strings.Contains(r.stdout, want) {
		t.Errorf("summary lacks %q:\n%s", want, r.stdout)
	}
	if !strings.Contains(r.stderr, "redis answers again") {
		t.Errorf("run never said it waited for Redis; stderr:\n%s", r.stderr)
	}
	for i := range calls {
		if _, err := os.Stat(filepath.Join(out, "outage", fmt.Sprintf("c%03d.txt.json", i))); err != nil {
			t.Errorf("report of call %d: %v", i, err)
		}
	}
}
