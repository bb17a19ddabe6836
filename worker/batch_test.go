package worker

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/calltrust/calltrust/lexicons"
	"github.com/calltrust/calltrust/queue"
	"github.com/hibiken/asynq"
	"github.com/rs/zerolog"
)

// testCalls are small transcripts in the "Name: text" format, with a
// sidecar, a broken file, a binary file and objects that are not
// transcripts.
var testCalls = map[string]string{
	"acme.txt": "Dana: Hi Sam, thanks for making time today. What made you take the call?\n" +
		"Sam: We are losing deals because our reps forget follow-ups.\n" +
		"Dana: Our platform is the best on the market and it will never fail you. We guarantee a 50% lift.\n" +
		"Sam: I'm not sure the budget is there this quarter.\n" +
		"Dana: Great, let's move on to the demo then.\n",
	"acme.txt.meta.json": `{"rep": "Dana Reyes", "account": "Acme", "date": "2026-11-21"}`,
	"west/beta.txt": "Lee: Good morning, how is the rollout going at your end?\n" +
		"Kim: Slower than planned, the security review took two weeks.\n" +
		"Lee: What did the review flag, and who needs to sign off next?\n" +
		"Kim: Mostly data retention. Our CISO signs off.\n",
	"east/beta.txt": "Ann: Thanks for joining. I wanted to learn how your team tracks renewals today.\n" +
		"Bo: Spreadsheets, mostly. It works until someone leaves.\n",
	"empty.txt":             "",
	"binary.json":           "x\x00y",
	"badmeta.txt":           "Ann: Hello there.\nBo: Hi, good to meet you.\n",
	"badmeta.txt.meta.json": `{"rep": "Ann", "mood": "happy"}`,
	"notes.pdf":             "%PDF-1.4",
	"README":                "not a call",
}

// wantFailed are the calls of testCalls that must fail, with a word their
// reason holds.
var wantFailed = map[string]string{
	"empty.txt":   "empty file",
	"binary.json": "binary data",
	"badmeta.txt": "mood",
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// pipeline is an embedded Redis with a handler and an asynq server on it.
type pipeline struct {
	mr    *miniredis.Miniredis
	conn  asynq.RedisClientOpt
	book  *queue.Book
	h     *Handler
	srv   *asynq.Server
	logs  *syncWriter
	batch queue.Batch
}

func newPipeline(t *testing.T, src, reports string) *pipeline {
	t.Helper()
	mr := miniredis.RunT(t)
	p := newPipelineOn(t, asynq.RedisClientOpt{Addr: mr.Addr(), PoolSize: 16}, src, reports)
	p.mr = mr
	return p
}

// newPipelineOn is a pipeline on a given Redis.
func newPipelineOn(t *testing.T, conn asynq.RedisClientOpt, src, reports string) *pipeline {
	t.Helper()
	rdb, err := queue.NewRedisClient(conn)
	if err != nil {
		t.Fatal(err)
	}
	book := queue.NewBook(rdb)
	client := asynq.NewClient(conn)
	logs := &syncWriter{w: &bytes.Buffer{}}
	log, _ := NewLogger(logs, "info", false)
	h := &Handler{
		Book: book, Enqueuer: queue.NewEnqueuer(client, book), Stores: NewStores(StoreOptions{}),
		Lexicons: lexicons.Default(), Log: log,
	}
	p := &pipeline{conn: conn, book: book, h: h, logs: logs,
		batch: queue.Batch{ID: "b1", Source: src, Reports: reports}}
	t.Cleanup(func() {
		if p.srv != nil {
			p.srv.Shutdown()
		}
		client.Close()
		book.Close()
	})
	return p
}

func (p *pipeline) start(t *testing.T, cfg ServerConfig) {
	t.Helper()
	if cfg.Concurrency == 0 {
		cfg.Concurrency = 4
	}
	cfg.PollInterval = 10 * time.Millisecond
	cfg.RetryPollInterval = 50 * time.Millisecond
	cfg.Log = zerolog.Nop()
	p.srv = NewServer(p.conn, cfg)
	if err := p.srv.Start(p.h.Mux()); err != nil {
		t.Fatal(err)
	}
}

func (p *pipeline) enqueue(t *testing.T, opts queue.Options) queue.Result {
	t.Helper()
	res, err := EnqueueBatch(context.Background(), p.h.Enqueuer, p.h.Stores, p.batch, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// wait waits until the batch is complete and summarized.
func (p *pipeline) wait(t *testing.T, limit time.Duration) queue.Progress {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		pr, err := p.book.Progress(context.Background(), p.batch.ID)
		if err == nil && pr.Complete() && !pr.NeedsSummary() {
			return pr
		}
		if time.Now().After(deadline) {
			t.Fatalf("batch not finished after %s: %+v (%v)", limit, pr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitStopped waits for the batch as wait does, then stops the server:
// a batch counts as summarized before the task that summarized it has
// logged its line and been marked done or archived by asynq, and tests
// that read the log or the queue want all of that.
func (p *pipeline) waitStopped(t *testing.T, limit time.Duration) queue.Progress {
	t.Helper()
	pr := p.wait(t, limit)
	p.srv.Shutdown()
	return pr
}

// syncWriter lets concurrent tasks log into one buffer.
type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(b)
}

// String returns what was written so far.
func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.String()
}

func TestBatchEmbedded(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	writeFiles(t, src, testCalls)
	p := newPipeline(t, src, out)
	opts := queue.DefaultOptions()
	res := p.enqueue(t, opts)
	transcripts := 0
	for k := range testCalls {
		if IsTranscriptKey(k) {
			transcripts++
		}
	}
	if res.Enqueued != transcripts || res.Skipped != 2 || res.Sidecars != 2 || res.Calls != transcripts {
		t.Fatalf("enqueue = %+v, want %d enqueued, 2 skipped, 2 sidecars", res, transcripts)
	}
	p.start(t, ServerConfig{})
	prog := p.waitStopped(t, 60*time.Second)
	if prog.Done+prog.Failed != transcripts || prog.Failed != len(wantFailed) {
		t.Errorf("progress = %+v, want %d calls, %d failed", prog, transcripts, len(wantFailed))
	}

	var s Summary
	readJSON(t, filepath.Join(out, "b1", SummaryJSON), &s)
	t.Run("summary counts add up", func(t *testing.T) {
		if s.Calls != transcripts || s.Reported+s.Failed+s.Pending != s.Calls || s.Failed != len(wantFailed) || s.Skipped != 2 {
			t.Errorf("summary counts: calls %d reported %d failed %d pending %d skipped %d", s.Calls, s.Reported, s.Failed, s.Pending, s.Skipped)
		}
		if len(s.Rows) != s.Calls || len(s.Failures) != s.Failed {
			t.Errorf("%d rows and %d failures for %d calls", len(s.Rows), len(s.Failures), s.Calls)
		}
		if len(s.LexiconsVersions) != 1 || s.LexiconsVersions[0] != lexicons.Default().Version {
			t.Errorf("lexicons versions = %v", s.LexiconsVersions)
		}
	})
	t.Run("every call is one report or one failure", func(t *testing.T) {
		seen := map[string]string{}
		for _, r := range s.Rows {
			if prev, dup := seen[r.Call]; dup {
				t.Errorf("call %s twice (%s, %s)", r.Call, prev, r.Status)
			}
			seen[r.Call] = r.Status
		}
		for k := range testCalls {
			if !IsTranscriptKey(k) {
				continue
			}
			_, jsonErr := os.Stat(filepath.Join(out, "b1", k+".json"))
			_, htmlErr := os.Stat(filepath.Join(out, "b1", k+".html"))
			word, mustFail := wantFailed[k]
			switch {
			case mustFail:
				if seen[k] != RowFailed || jsonErr == nil {
					t.Errorf("%s: status %q, report present %v: want a failure", k, seen[k], jsonErr == nil)
				}
				if !failureSays(s.Failures, k, word) {
					t.Errorf("%s: failures %+v do not give the reason (%q)", k, s.Failures, word)
				}
			default:
				if seen[k] != RowReported || jsonErr != nil || htmlErr != nil {
					t.Errorf("%s: status %q, json %v, html %v: want a report", k, seen[k], jsonErr, htmlErr)
				}
			}
		}
	})
	t.Run("report has the call ID and sidecar", func(t *testing.T) {
		var r struct {
			Call struct{ ID, Rep, Account, Source string }
		}
		readJSON(t, filepath.Join(out, "b1", "acme.txt.json"), &r)
		if r.Call.ID != "acme.txt" || r.Call.Rep != "Dana Reyes" || r.Call.Account != "Acme" || r.Call.Source != filepath.Join(src, "acme.txt") {
			t.Errorf("report call = %+v", r.Call)
		}
	})
	t.Run("summary.csv", func(t *testing.T) {
		f, err := os.ReadFile(filepath.Join(out, "b1", SummaryCSV))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(f)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(recs[0], ","); got != "call,rep,account,date,duration_seconds,flags,worst_severity,trustworthiness,top_quote,status,reason" {
			t.Errorf("header = %s", got)
		}
		if len(recs) != 1+transcripts {
			t.Errorf("%d records, want %d", len(recs), 1+transcripts)
		}
	})
	t.Run("other summary files", func(t *testing.T) {
		var fails []Failure
		readJSON(t, filepath.Join(out, "b1", FailuresJSON), &fails)
		if len(fails) != len(wantFailed) {
			t.Errorf("failures.json has %d, want %d", len(fails), len(wantFailed))
		}
		if _, err := os.Stat(filepath.Join(out, "b1", IndexHTML)); err != nil {
			t.Error(err)
		}
	})
	t.Run("second enqueue is a no-op", func(t *testing.T) {
		again := p.enqueue(t, opts)
		if again.Enqueued != 0 || again.AlreadyEnqueued != transcripts || again.Summarize {
			t.Errorf("rerun = %+v, want nothing new", again)
		}
	})
	t.Run("bookkeeping is per call", func(t *testing.T) {
		outs, err := p.book.Outcomes(context.Background(), "b1")
		if err != nil {
			t.Fatal(err)
		}
		if len(outs) != transcripts {
			t.Fatalf("%d outcomes, want %d", len(outs), transcripts)
		}
		for _, o := range outs {
			_, mustFail := wantFailed[o.Call]
			if (o.Status == queue.StatusFailed) != mustFail || o.Status == queue.StatusPending {
				t.Errorf("%s: %s %q", o.Call, o.Status, o.Reason)
			}
		}
	})
	t.Run("one log line per task without text", func(t *testing.T) {
		lines := strings.Split(strings.TrimSpace(p.logs.String()), "\n")
		calls := 0
		for _, l := range lines {
			var ev map[string]any
			if err := json.Unmarshal([]byte(l), &ev); err != nil {
				t.Fatalf("log line %q is not JSON", l)
			}
			if ev["task"] == queue.TypeAnalyze {
				calls++
				for _, k := range []string{"batch", "call", "duration_ms", "outcome"} {
					if _, ok := ev[k]; !ok {
						t.Errorf("log line %q has no %s", l, k)
					}
				}
			}
		}
		if calls != transcripts {
			t.Errorf("%d call log lines, want %d", calls, transcripts)
		}
		for _, phrase := range []string{"never fail you", "security review", "Spreadsheets"} {
			if strings.Contains(p.logs.String(), phrase) {
				t.Errorf("logs hold transcript text %q", phrase)
			}
		}
	})
}

func failureSays(fails []Failure, call, word string) bool {
	for _, f := range fails {
		if f.Call == call && strings.Contains(f.Reason, word) {
			return true
		}
	}
	return false
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// newNightly is a pipeline on a nightly source, root/{date}, whose
// 2026-11-21 folder holds a good call and an empty one, with the clock at
// 02:00 the day after; reports go to out.
func newNightly(t *testing.T) (p *pipeline, root, out string) {
	t.Helper()
	root, out = t.TempDir(), t.TempDir()
	writeFiles(t, filepath.Join(root, "2026-11-21"), map[string]string{"acme.txt": testCalls["acme.txt"], "empty.txt": ""})
	p = newPipeline(t, root+"/{date}", out)
	p.batch.ID = "nightly-2026-11-21"
	p.h.Now = func() time.Time { return time.Date(2026, 11, 22, 2, 0, 0, 0, time.UTC) }
	return p, root, out
}

// TestScheduledEnqueue runs the batch:enqueue task the scheduler fires:
// {date} becomes the day before, and the batch runs to its summary.
func TestScheduledEnqueue(t *testing.T) {
	p, root, out := newNightly(t)
	task, err := queue.NewEnqueueTask(queue.EnqueuePayload{Source: root + "/{date}", Reports: out, Options: queue.DefaultOptions()})
	if err != nil {
		t.Fatal(err)
	}
	client := asynq.NewClient(p.conn)
	defer client.Close()
	if _, err := client.Enqueue(task); err != nil {
		t.Fatal(err)
	}
	p.start(t, ServerConfig{})
	p.waitStopped(t, 30*time.Second)
	var s Summary
	readJSON(t, filepath.Join(out, "nightly-2026-11-21", SummaryJSON), &s)
	if s.Calls != 2 || s.Reported != 1 || s.Failed != 1 || s.Source != filepath.Join(root, "2026-11-21") {
		t.Errorf("summary: calls %d reported %d failed %d source %s", s.Calls, s.Reported, s.Failed, s.Source)
	}
	if !strings.Contains(p.logs.String(), `"task":"batch:enqueue","batch":"nightly-2026-11-21"`) {
		t.Errorf("no log line for the batch:enqueue task:\n%s", p.logs.String())
	}
}
