package worker

// Integration tests of the whole pipeline against a real redis-server and
// a real S3 server (MinIO), with calltrust worker processes.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/calltrust/calltrust/internal/testservers"
	"github.com/calltrust/calltrust/queue"
	"github.com/hibiken/asynq"
)

// calltrustBin is the calltrust binary, built once for the package's
// tests and removed by TestMain.
var calltrustBin struct {
	once sync.Once
	dir  string
	path string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if calltrustBin.dir != "" {
		os.RemoveAll(calltrustBin.dir)
	}
	os.Exit(code)
}

// buildCalltrust builds cmd/calltrust once and returns the binary's path.
func buildCalltrust(t *testing.T) string {
	t.Helper()
	calltrustBin.once.Do(func() {
		goBin, err := exec.LookPath("go")
		if err != nil {
			goBin = filepath.Join(os.Getenv("GOROOT"), "bin", "go")
		}
		dir, err := os.MkdirTemp("", "calltrust-bin-")
		if err != nil {
			calltrustBin.err = err
			return
		}
		calltrustBin.dir = dir
		calltrustBin.path = filepath.Join(dir, "calltrust")
		out, err := exec.Command(goBin, "build", "-o", calltrustBin.path, "github.com/calltrust/calltrust/cmd/calltrust").CombinedOutput()
		if err != nil {
			calltrustBin.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if calltrustBin.err != nil {
		t.Fatal(calltrustBin.err)
	}
	return calltrustBin.path
}

// calltrustCmd runs the binary to the end with env added and returns its
// stdout, failing the test when it exits non-zero.
func calltrustCmd(t *testing.T, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command(buildCalltrust(t), args...)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("calltrust %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return stdout.String()
}

// workerProc is a long-running calltrust process, a `calltrust worker`
// or a `calltrust schedule`, whose stdout and stderr go to a log file.
type workerProc struct {
	cmd    *exec.Cmd
	log    string
	exited chan error
}

// startWorkerProc starts `calltrust worker` with args and env added.
func startWorkerProc(t *testing.T, env []string, args ...string) *workerProc {
	t.Helper()
	return startCalltrustProc(t, env, append([]string{"worker"}, args...)...)
}

// startCalltrustProc starts the calltrust command args[0] with the rest
// of args and env added, and kills it when the test ends.
func startCalltrustProc(t *testing.T, env []string, args ...string) *workerProc {
	t.Helper()
	logPath := filepath.Join(t.TempDir(), args[0]+".log")
	logf, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(buildCalltrust(t), args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{}
	testservers.KillWithParent(cmd.SysProcAttr)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	logf.Close()
	w := &workerProc{cmd: cmd, log: logPath, exited: make(chan error, 1)}
	go func() { w.exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		if t.Failed() {
			b, _ := os.ReadFile(logPath)
			t.Logf("%s log %s:\n%s", args[0], logPath, b)
		}
	})
	return w
}

// stop sends SIGTERM and waits for a clean exit.
func (w *workerProc) stop(t *testing.T) {
	t.Helper()
	name := w.cmd.Args[1]
	w.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-w.exited:
		if err != nil {
			t.Errorf("%s exited with %v after SIGTERM", name, err)
		}
	case <-time.After(45 * time.Second):
		t.Errorf("%s still running 45 s after SIGTERM", name)
	}
}

func (w *workerProc) logText() string {
	b, _ := os.ReadFile(w.log)
	return string(b)
}

func TestPipelineRealServers(t *testing.T) {
	rs := startRedis(t)
	ms := startMinio(t)
	ms.SetAWSEnv(t)
	ms.CreateBucket(t, "calls")
	ctx := context.Background()
	env := ms.Env()

	// Upload the batch: testCalls plus generated calls so that both
	// workers get work.
	files := map[string]string{}
	for k, v := range testCalls {
		files[k] = v
	}
	for i := range 40 {
		files[fmt.Sprintf("gen/call%03d.txt", i)] = fmt.Sprintf("Rep%d: Hello, what made you take the call today?\nBuyer: We keep missing renewals.\nRep%d: It will never fail you, guaranteed.\nBuyer: I'm not sure.\n", i, i)
	}
	src, err := OpenStore(ctx, "s3://calls/in/2026-11-21/", ms.Options())
	if err != nil {
		t.Fatal(err)
	}
	transcripts := 0
	for k, v := range files {
		if err := src.Put(ctx, k, []byte(v), "text/plain"); err != nil {
			t.Fatal(err)
		}
		if IsTranscriptKey(k) {
			transcripts++
		}
	}

	enqueueArgs := []string{"enqueue", "s3://calls/in/2026-11-21/", "--batch", "nightly-2026-11-21", "--redis", rs.URL(), "--reports", "s3://calls/reports/"}
	out := calltrustCmd(t, env, enqueueArgs...)
	if !strings.Contains(out, fmt.Sprintf("enqueued:         %d", transcripts)) {
		t.Fatalf("enqueue output:\n%s", out)
	}

	w1 := startWorkerProc(t, env, "--redis", rs.URL(), "--concurrency", "4", "--metrics-addr", "127.0.0.1:0")
	w2 := startWorkerProc(t, env, "--redis", rs.URL(), "--concurrency", "4")

	book, _ := rs.Book(t)
	deadline := time.Now().Add(3 * time.Minute)
	for {
		p, err := book.Progress(ctx, "nightly-2026-11-21")
		if err == nil && p.Complete() && !p.NeedsSummary() {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("batch not done after 3 minutes: %+v %v", p, err)
		}
		time.Sleep(100 * time.Millisecond)
	}

	t.Run("reports in S3 with content types", func(t *testing.T) {
		client := ms.Client()
		for k := range files {
			if !IsTranscriptKey(k) {
				continue
			}
			_, fails := wantFailed[k]
			for ext, ctype := range map[string]string{".json": "application/json", ".html": "text/html"} {
				key := "reports/nightly-2026-11-21/" + k + ext
				head, err := client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("calls"), Key: aws.String(key)})
				if fails {
					if err == nil {
						t.Errorf("%s exists for a failed call", key)
					}
					continue
				}
				if err != nil {
					t.Errorf("%s: %v", key, err)
					continue
				}
				if got := aws.ToString(head.ContentType); !strings.HasPrefix(got, ctype) {
					t.Errorf("%s: content type %q, want %s", key, got, ctype)
				}
			}
		}
	})

	reports, err := OpenStore(ctx, "s3://calls/reports/", ms.Options())
	if err != nil {
		t.Fatal(err)
	}
	t.Run("summary", func(t *testing.T) {
		s, rebuilt, err := LoadSummary(ctx, reports, "nightly-2026-11-21")
		if err != nil {
			t.Fatal(err)
		}
		if rebuilt {
			t.Error("summary.json missing or stale after the batch")
		}
		if s.Calls != transcripts || s.Reported+s.Failed != s.Calls || s.Failed != len(wantFailed) || s.Skipped != 2 {
			t.Errorf("summary: calls %d reported %d failed %d skipped %d; want %d calls, %d failed", s.Calls, s.Reported, s.Failed, s.Skipped, transcripts, len(wantFailed))
		}
		for _, f := range []string{SummaryCSV, IndexHTML, FailuresJSON} {
			if _, err := reports.Get(ctx, "nightly-2026-11-21/"+f, 1<<20); err != nil {
				t.Errorf("%s: %v", f, err)
			}
		}
	})
	t.Run("each call processed once across both workers", func(t *testing.T) {
		logs := w1.logText() + w2.logText()
		for k := range files {
			if IsTranscriptKey(k) && strings.Count(logs, `"call":"`+k+`"`) != 1 {
				t.Errorf("%s logged %d times", k, strings.Count(logs, `"call":"`+k+`"`))
			}
		}
		t.Logf("worker 1 did %d calls, worker 2 did %d", strings.Count(w1.logText(), `"task":"call:analyze"`), strings.Count(w2.logText(), `"task":"call:analyze"`))
	})
	t.Run("re-enqueue is a no-op", func(t *testing.T) {
		out := calltrustCmd(t, env, enqueueArgs...)
		if !strings.Contains(out, "nothing new enqueued") || !strings.Contains(out, fmt.Sprintf("already enqueued: %d", transcripts)) {
			t.Errorf("rerun output:\n%s", out)
		}
	})
	t.Run("status and report", func(t *testing.T) {
		out := calltrustCmd(t, nil, "status", "--batch", "nightly-2026-11-21", "--redis", rs.URL())
		if !strings.Contains(out, "(complete)") || !strings.Contains(out, "pending: 0") {
			t.Errorf("status:\n%s", out)
		}
		out = calltrustCmd(t, env, "report", "--batch", "nightly-2026-11-21", "--reports", "s3://calls/reports/")
		if !strings.Contains(out, "gen/call") || !strings.Contains(out, "empty.txt") {
			t.Errorf("report:\n%s", out)
		}
	})
	t.Run("metrics endpoint", func(t *testing.T) {
		m := regexp.MustCompile(`"addr":"(127\.0\.0\.1:[0-9]+)"`).FindStringSubmatch(w1.logText())
		if m == nil {
			t.Fatalf("worker 1 did not log its metrics address")
		}
		resp, err := http.Get("http://" + m[1] + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		for _, want := range []string{`calltrust_tasks_processed_total{outcome="done",type="call:analyze"}`, `calltrust_queue_tasks{queue="default",state="completed"}`} {
			if !strings.Contains(string(body), want) {
				t.Errorf("/metrics lacks %s", want)
			}
		}
	})
	t.Run("secret key never logged", func(t *testing.T) {
		if strings.Contains(w1.logText()+w2.logText(), ms.SecretKey()) {
			t.Error("a worker log holds the S3 secret key")
		}
	})
	w1.stop(t)
	w2.stop(t)
}

func TestRetentionKeepsTaskIDTaken(t *testing.T) {
	rs := startRedis(t)
	ctx := context.Background()
	conn, err := queue.ParseRedisURL(rs.URL())
	if err != nil {
		t.Fatal(err)
	}
	src, out := t.TempDir(), t.TempDir()
	writeFiles(t, src, map[string]string{"acme.txt": testCalls["acme.txt"]})
	p := newPipelineOn(t, conn, src, out)
	opts := queue.DefaultOptions()
	opts.Retention = 3 * time.Second
	if res := p.enqueue(t, opts); res.Enqueued != 1 {
		t.Fatalf("enqueue = %+v", res)
	}
	p.start(t, ServerConfig{})
	p.wait(t, 30*time.Second)

	id := queue.TaskID("b1", "acme.txt", etagOf(t, src, "acme.txt"))
	ins := asynq.NewInspector(conn)
	defer ins.Close()
	info, err := ins.GetTaskInfo(queue.DefaultQueue, id)
	if err != nil {
		t.Fatalf("completed task %s not kept: %v", id, err)
	}
	if info.State != asynq.TaskStateCompleted || info.Retention != 3*time.Second {
		t.Errorf("task state %v retention %v", info.State, info.Retention)
	}
	if res := p.enqueue(t, opts); res.Enqueued != 0 || res.AlreadyEnqueued != 1 {
		t.Errorf("rerun within the retention = %+v, want already enqueued", res)
	}
	rdb, _ := queue.NewRedisClient(conn)
	defer rdb.Close()
	for _, k := range []string{"meta", "calls", "done"} {
		ttl, err := rdb.TTL(ctx, "calltrust:batch:{b1}:"+k).Result()
		if err != nil || ttl <= 0 || ttl > 3*time.Second {
			t.Errorf("bookkeeping %s TTL = %v (%v), want within the 3 s retention", k, ttl, err)
		}
	}

	// After the retention asynq's janitor frees the ID: the same batch
	// can run again.
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, err := ins.GetTaskInfo(queue.DefaultQueue, id)
		if errors.Is(err, asynq.ErrTaskNotFound) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("task %s still kept 30 s after its 3 s retention: %v", id, err)
		}
		time.Sleep(250 * time.Millisecond)
	}
	if res := p.enqueue(t, opts); res.Enqueued != 1 {
		t.Errorf("enqueue after the retention = %+v, want enqueued again", res)
	}
}

// etagOf returns the ETag the local store lists for key.
func etagOf(t *testing.T, dir, key string) string {
	t.Helper()
	var etag string
	err := NewLocalStore(dir).List(context.Background(), key, func(o Object) error {
		if o.Key == key {
			etag = o.ETag
		}
		return nil
	})
	if err != nil || etag == "" {
		t.Fatalf("etag of %s: %q %v", key, etag, err)
	}
	return etag
}

func TestEnqueueRateRealRedis(t *testing.T) {
	rs := startRedis(t)
	book, conn := rs.Book(t)
	client := asynq.NewClient(conn)
	defer client.Close()
	n := 100_000
	if testing.Short() {
		n = 10_000
	}
	list := func(ctx context.Context, fn func(queue.Object) error) error {
		for i := range n {
			if err := fn(queue.Object{Key: fmt.Sprintf("calls/%06d.vtt", i), ETag: "e", Transcript: true}); err != nil {
				return err
			}
		}
		return nil
	}
	start := time.Now()
	res, err := queue.NewEnqueuer(client, book).Enqueue(context.Background(), queue.Batch{ID: "big", Source: "s", Reports: "r"}, list, queue.DefaultOptions())
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if res.Enqueued != n || res.Calls != n {
		t.Fatalf("result = %+v, want %d enqueued", res, n)
	}
	t.Logf("enqueued %d tasks in %s: %.0f tasks/s", n, took.Round(time.Millisecond), float64(n)/took.Seconds())
}
