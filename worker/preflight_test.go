package worker

// Checks before work: calltrust enqueue, upload, schedule, worker and
// status, given a missing bucket, a Redis nobody listens on or a wrong
// Redis password, stop at once with one line naming what is wrong, exit
// non-zero and leave nothing behind.

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/calltrust/calltrust/internal/testservers"
	"github.com/calltrust/calltrust/queue"
)

func TestPreflightChecks(t *testing.T) {
	t.Parallel()
	ms := startMinio(t)
	good := startRedis(t, testservers.RedisPassword("pw-"+testservers.RandomHex(t, 6)))
	book, _ := good.Book(t)
	ms.CreateBucket(t, "calls")
	dir := t.TempDir()
	call := filepath.Join(dir, "call.txt")
	if err := os.WriteFile(call, genTranscript(1), 0o644); err != nil {
		t.Fatal(err)
	}
	deadPort := testservers.FreePort(t)
	dead := "redis://:s3cret-dead@127.0.0.1:" + strconv.Itoa(deadPort) + "/0"
	wrongPW := "redis://:s3cret-wrong@" + good.Addr() + "/0"
	noPW := "redis://" + good.Addr() + "/0"

	cases := []struct {
		name  string
		args  []string
		want  string // in the one line on stderr
		batch string // must stay unknown to Redis
	}{
		{"enqueue, missing source bucket",
			[]string{"enqueue", "s3://nosuchbucket/in/", "--batch", "pf1", "--redis", good.URL(), "--reports", "s3://calls/reports/"},
			"cannot read s3://nosuchbucket/in/: the bucket does not exist", "pf1"},
		{"enqueue, missing reports bucket",
			[]string{"enqueue", "s3://calls/in/", "--batch", "pf2", "--redis", good.URL(), "--reports", "s3://noreports/r/"},
			"cannot write to s3://noreports/r/: the bucket does not exist", "pf2"},
		{"upload, missing bucket",
			[]string{"upload", call, call, "s3://nosuchbucket/in/"},
			"cannot write to s3://nosuchbucket/in/: the bucket does not exist", ""},
		{"schedule, missing bucket",
			[]string{"schedule", "s3://nosuchbucket/{date}/", "--cron", "0 2 * * *", "--redis", good.URL(), "--reports", "s3://calls/reports/"},
			"cannot read s3://nosuchbucket/: the bucket does not exist", ""},
		{"enqueue, Redis unreachable",
			[]string{"enqueue", "s3://calls/in/", "--batch", "pf3", "--redis", dead, "--reports", "s3://calls/reports/"},
			"redis redis://:xxxxx@127.0.0.1:" + strconv.Itoa(deadPort) + "/0 does not answer: ", ""},
		{"worker, Redis unreachable",
			[]string{"worker", "--redis", dead},
			"redis redis://:xxxxx@127.0.0.1:" + strconv.Itoa(deadPort) + "/0 does not answer: ", ""},
		{"schedule, Redis unreachable",
			[]string{"schedule", "s3://calls/in/", "--cron", "0 2 * * *", "--redis", dead, "--reports", "s3://calls/reports/"},
			"does not answer", ""},
		{"worker, wrong Redis password",
			[]string{"worker", "--redis", wrongPW},
			"redis redis://:xxxxx@" + good.Addr() + "/0 refused the password", ""},
		{"enqueue, wrong Redis password",
			[]string{"enqueue", "s3://calls/in/", "--batch", "pf4", "--redis", wrongPW, "--reports", "s3://calls/reports/"},
			"refused the password", ""},
		{"status, no Redis password",
			[]string{"status", "--batch", "pf4", "--redis", noPW},
			"redis redis://" + good.Addr() + "/0 wants a password", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, buildCalltrust(t), tc.args...)
			cmd.Env = append(os.Environ(), ms.Env()...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			start := time.Now()
			err := cmd.Run()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() == 0 || ctx.Err() != nil {
				t.Fatalf("calltrust %s: %v after %s, want a non-zero exit at once\nstderr:\n%s", tc.args[0], err, time.Since(start).Round(time.Millisecond), stderr.String())
			}
			lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
			if len(lines) != 1 || !strings.Contains(lines[0], tc.want) {
				t.Errorf("stderr:\n%s\nwant one line with %q", stderr.String(), tc.want)
			}
			for _, secret := range []string{"s3cret", good.Password(), ms.SecretKey()} {
				if strings.Contains(stderr.String()+stdout.String(), secret) {
					t.Errorf("output shows a secret: %s", stderr.String())
				}
			}
			if strings.Contains(stdout.String(), "uploaded  ") {
				t.Errorf("upload uploaded something:\n%s", stdout.String())
			}
			if tc.batch != "" {
				if _, err := book.Progress(context.Background(), tc.batch); !errors.Is(err, queue.ErrNoBatch) {
					t.Errorf("batch %s left in Redis (%v)", tc.batch, err)
				}
			}
			t.Logf("exit %d after %s: %s", exit.ExitCode(), time.Since(start).Round(time.Millisecond), lines[0])
		})
	}
}
