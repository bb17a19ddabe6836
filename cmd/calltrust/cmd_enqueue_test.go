package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/alicebob/miniredis/v2"
)

func TestEnqueueStatusCommands(t *testing.T) {
	mr := miniredis.RunT(t)
	redisURL := "redis://" + mr.Addr() + "/0"
	src := writeBatch(t)
	out := filepath.Join(t.TempDir(), "reports")

	code, stdout, stderr := runCmd(t, nil, "enqueue", src, "--batch", "nightly-2026-11-21", "--redis", redisURL, "--reports", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"batch nightly-2026-11-21: 5 objects listed", "enqueued:         3", "already enqueued: 0", "skipped:          1", "sidecars:         1"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("first enqueue lacks %q:\n%s", want, stdout)
		}
	}

	t.Run("rerun enqueues nothing new", func(t *testing.T) {
		env := map[string]string{"CALLTRUST_REDIS": redisURL, "CALLTRUST_REPORTS": out}
		code, stdout, stderr := runCmd(t, env, "enqueue", "--batch", "nightly-2026-11-21", src)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		for _, want := range []string{"enqueued:         0", "already enqueued: 3", "nothing new enqueued"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("rerun lacks %q:\n%s", want, stdout)
			}
		}
	})
	t.Run("status", func(t *testing.T) {
		code, stdout, stderr := runCmd(t, nil, "status", "--batch", "nightly-2026-11-21", "--redis", redisURL)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		for _, want := range []string{"batch nightly-2026-11-21 (running): 3 calls", "pending: 3", "done:    0", "failed:  0", "skipped: 1"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("status lacks %q:\n%s", want, stdout)
			}
		}
	})
	t.Run("status json", func(t *testing.T) {
		code, stdout, _ := runCmd(t, nil, "status", "--json", "--batch", "nightly-2026-11-21", "--redis", redisURL)
		if code != 0 || !strings.Contains(stdout, `"pending": 3`) {
			t.Errorf("exit %d:\n%s", code, stdout)
		}
	})
	t.Run("status of an unknown batch", func(t *testing.T) {
		code, _, stderr := runCmd(t, nil, "status", "--batch", "other", "--redis", redisURL)
		if code != 1 || !strings.Contains(stderr, "not in Redis") {
			t.Errorf("exit %d: %s", code, stderr)
		}
	})
}

func TestQueueCommandErrors(t *testing.T) {
	src := t.TempDir()
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"enqueue without batch", []string{"enqueue", src, "--reports", "r"}, 2, "--batch"},
		{"enqueue without reports", []string{"enqueue", src, "--batch", "b"}, 2, "--reports"},
		{"enqueue bad redis", []string{"enqueue", src, "--batch", "b", "--reports", "r", "--redis", "http://:pw@x"}, 2, "--redis"},
		{"enqueue no source", []string{"enqueue", "--batch", "b", "--reports", "r"}, 2, "one source"},
		{"status without batch", []string{"status"}, 2, "--batch"},
		{"report without reports", []string{"report", "--batch", "b"}, 2, "--reports"},
		{"report of nothing", []string{"report", "--batch", "b", "--reports", src}, 1, "no reports"},
		{"schedule without cron", []string{"schedule", src, "--reports", "r"}, 2, "--cron"},
		{"schedule bad cron", []string{"schedule", src, "--reports", "r", "--cron", "every night"}, 2, "--cron"},
		{"schedule bad tz", []string{"schedule", src, "--reports", "r", "--cron", "0 2 * * *", "--tz", "Mars/Base"}, 2, "--tz"},
		{"worker with arguments", []string{"worker", "extra"}, 2, "no arguments"},
		{"worker bad concurrency", []string{"worker", "--concurrency", "0"}, 2, "--concurrency"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCmd(t, nil, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q: want %d and %q", code, stderr, tc.code, tc.want)
			}
			if strings.Contains(stderr, ":pw@") {
				t.Errorf("stderr shows the Redis password: %s", stderr)
			}
		})
	}
}
