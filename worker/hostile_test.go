package worker

// The hostile corpus run through the whole pipeline: testdata/hostile,
// plus files generated here (a 200 MB transcript, JSON nested 100,000
// deep, 100,000 one-word turns, names with control characters, keys that
// lead outside the source), next to good calls in the same batch. Every
// hostile file ends as a listed failure whose reason names the problem;
// the good calls still get their reports; the worker process keeps going
// and its peak memory stays under rssLimit.

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

const (
	hugeSize   = 200 << 20 // the transcript over the default size cap
	deepLevels = 100_000
	manyTurns  = 100_000
	// rssLimit bounds the peak resident memory of the process that works
	// the hostile batch.
	rssLimit = 400 << 20
	// hostileBatch is the batch ID of the hostile runs.
	hostileBatch = "hostile"
)

// hostileCase is one transcript of the hostile batch and what must become
// of it.
type hostileCase struct {
	key string
	// fail lists what the failure's reason must say; empty: the call
	// must get its reports.
	fail []string
}

// corpusPhrases are sentences of the corpus files. No failure reason may
// quote them.
var corpusPhrases = []string{
	"What made you take the call",
	"missing renewals",
	"never reach the right person",
	"never fails",
	"walk you through the plan",
	"budget for next quarter",
	"security review took two weeks",
	"Hello there and thanks for joining",
	"fifteen minutes before my next meeting",
	"Thanks for making time today",
}

// hostileCorpus fills dir with testdata/hostile, the generated hostile
// files and the good calls of testdata/calls/east (under good/), and
// returns the cases they make.
func hostileCorpus(t *testing.T, dir string) []hostileCase {
	t.Helper()
	copyTree(t, filepath.Join("..", "testdata", "hostile"), dir)
	copyTree(t, filepath.Join("..", "testdata", "calls", "east"), filepath.Join(dir, "good"))
	cases := []hostileCase{
		{key: "empty.vtt", fail: []string{"parse empty.vtt", "empty file"}},
		{key: "random-binary.vtt", fail: []string{"parse random-binary.vtt", "byte 7", "binary data"}},
		{key: "invalid-utf8.vtt", fail: []string{"parse invalid-utf8.vtt", "line 7", "byte 207", "invalid UTF-8"}},
		{key: "contact-lens-stray-brace.json", fail: []string{"as contact-lens", "line 105", "byte 3217", "invalid JSON"}},
		{key: "one-speaker.txt", fail: []string{"not a conversation", "one speaker only"}},
		{key: "html-page.txt", fail: []string{"parse html-page.txt", "unknown transcript format"}},
		{key: "table-export.txt", fail: []string{"parse table-export.txt", "unknown transcript format"}},
		{key: "sidecar-mismatch.vtt", fail: []string{"sidecar-mismatch.vtt.meta.json", `speaker "Jordan Blake" is not in`}},
		{key: "Q3..final.txt"}, // ".." inside a name is fine
		{key: "huge.txt", fail: []string{"huge.txt", "over the size cap", fmt.Sprintf("%d bytes, cap %d", hugeSize, DefaultMaxBytes)}},
		{key: "deep.json", fail: []string{"as calltrust-json", "nested more than 10000 levels deep"}},
		{key: "deep-array.json", fail: []string{"parse deep-array.json", "unknown transcript format"}},
		{key: "many-turns.txt", fail: []string{fmt.Sprintf("%d turns, more than the %d a call may have", manyTurns, DefaultMaxTurns)}},
	}
	writeHuge(t, filepath.Join(dir, "huge.txt"))
	deep := strings.Repeat("[", deepLevels) + strings.Repeat("]", deepLevels)
	writeFiles(t, dir, map[string]string{
		"deep.json":       `{"id": "deep", "turns": [` + deep + `]}`,
		"deep-array.json": deep,
	})
	var many strings.Builder
	for i := range manyTurns {
		if i%2 == 0 {
			many.WriteString("Dana: yes\n")
		} else {
			many.WriteString("Sam: no\n")
		}
	}
	writeFiles(t, dir, map[string]string{"many-turns.txt": many.String()})
	good, err := os.ReadDir(filepath.Join(dir, "good"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range good {
		if IsTranscriptKey(e.Name()) {
			cases = append(cases, hostileCase{key: "good/" + e.Name()})
		}
	}
	return cases
}

// copyTree copies the files of folder from (not its subfolders) into to.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// writeHuge writes a well-formed "Name: text" transcript of exactly
// hugeSize bytes.
func writeHuge(t *testing.T, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	line := "Dana: Thanks for joining, what made you take the call today?\nSam: We keep missing renewals.\n"
	for n := 0; n < hugeSize; n += len(line) {
		if _, err := w.WriteString(line[:min(len(line), hugeSize-n)]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
}

// localHostileNames adds files whose names hold control characters and
// symbolic links that lead outside the folder (the local forms of a ".."
// key and an absolute path), and returns their cases.
func localHostileNames(t *testing.T, dir string) []hostileCase {
	t.Helper()
	outside := filepath.Join(t.TempDir(), "outside.txt")
	writeFiles(t, filepath.Dir(outside), map[string]string{"outside.txt": testCalls["acme.txt"]})
	rel, err := filepath.Rel(dir, outside)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(rel, filepath.Join(dir, "dotdot-link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "absolute-link.txt")); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{
		"bell\a.txt":         testCalls["acme.txt"],
		"esc\x1b[31mred.vtt": testCalls["acme.txt"],
	})
	return []hostileCase{
		{key: "dotdot-link.txt", fail: []string{"dotdot-link.txt", "refused key", "leads outside the store folder"}},
		{key: "absolute-link.txt", fail: []string{"absolute-link.txt", "refused key", "leads outside the store folder"}},
		{key: "bell\a.txt", fail: []string{`"bell\a.txt" holds a control character`}},
		{key: "esc\x1b[31mred.vtt", fail: []string{`"esc\x1b[31mred.vtt" holds a control character`}},
	}
}

// peakRSS returns the peak resident set size of an exited process, in
// bytes.
func peakRSS(t *testing.T, ps *os.ProcessState) int64 {
	t.Helper()
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok || ru.Maxrss == 0 {
		t.Fatalf("no resource usage for %v", ps)
	}
	if runtime.GOOS == "darwin" {
		return ru.Maxrss // bytes there, kilobytes on Linux
	}
	return ru.Maxrss * 1024
}

// checkRSS asserts a bound on peak memory and records the figure.
func checkRSS(t *testing.T, what string, rss, limit int64) {
	t.Helper()
	t.Logf("peak RSS of %s: %.1f MB (bound %d MB)", what, float64(rss)/(1<<20), limit>>20)
	if rss >= limit {
		t.Errorf("peak RSS of %s is %.1f MB, over the %d MB bound", what, float64(rss)/(1<<20), limit>>20)
	}
}

// checkHostile checks a finished hostile batch: the counts add up, each
// case ended as it must, and no reason quotes the transcripts.
func checkHostile(t *testing.T, s *Summary, fails []Failure, cases []hostileCase, hasReports func(key string) bool) {
	t.Helper()
	if s.Calls != len(cases) || s.Reported+s.Failed != s.Calls || s.Pending != 0 {
		t.Errorf("summary: %d calls, %d reported, %d failed, %d pending; want %d calls, all finished", s.Calls, s.Reported, s.Failed, s.Pending, len(cases))
	}
	if len(fails) != s.Failed || len(s.Failures) != s.Failed {
		t.Errorf("failures.json has %d failures, summary.json %d, count %d", len(fails), len(s.Failures), s.Failed)
	}
	reasons := map[string]string{}
	for _, f := range fails {
		if _, dup := reasons[f.Call]; dup {
			t.Errorf("%q listed twice in failures.json", f.Call)
		}
		reasons[f.Call] = f.Reason
	}
	rows := map[string]string{}
	for _, r := range s.Rows {
		rows[r.Call] = r.Status
	}
	for _, c := range cases {
		t.Run(strings.Map(func(r rune) rune {
			if r < 0x20 {
				return '?'
			}
			return r
		}, c.key), func(t *testing.T) {
			reason, failed := reasons[c.key]
			switch {
			case failed && len(c.fail) > 0:
				if rows[c.key] != RowFailed {
					t.Errorf("summary row status %q, want %s", rows[c.key], RowFailed)
				}
				for _, w := range c.fail {
					if !strings.Contains(reason, w) {
						t.Errorf("reason %q does not say %q", reason, w)
					}
				}
				t.Logf("failed: %s", reason)
			case failed:
				t.Errorf("failed (%s), want a report", reason)
			case len(c.fail) > 0:
				t.Errorf("status %q, want a failure saying %q", rows[c.key], c.fail)
			default:
				if rows[c.key] != RowReported || !hasReports(c.key) {
					t.Errorf("status %q, reports present %v: want a report", rows[c.key], hasReports(c.key))
				}
			}
		})
	}
	for call, reason := range reasons {
		for _, p := range corpusPhrases {
			if strings.Contains(reason, p) {
				t.Errorf("the reason for %q quotes the transcript (%q): %s", call, p, reason)
			}
		}
	}
}

func TestHostileRun(t *testing.T) {
	src := filepath.Join(t.TempDir(), "calls")
	cases := hostileCorpus(t, src)
	cases = append(cases, localHostileNames(t, src)...)
	out := t.TempDir()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, buildCalltrust(t), "run", src, "--out", out, "--batch", hostileBatch, "--concurrency", "2", "--no-progress")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("calltrust run: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}
	t.Logf("calltrust run over %d calls took %s", len(cases), time.Since(start).Round(time.Millisecond))
	// Under the 200 MB transcript's own size: it was not read whole.
	checkRSS(t, "calltrust run", peakRSS(t, cmd.ProcessState), min(rssLimit, hugeSize))

	var s Summary
	readJSON(t, filepath.Join(out, hostileBatch, SummaryJSON), &s)
	var fails []Failure
	readJSON(t, filepath.Join(out, hostileBatch, FailuresJSON), &fails)
	checkHostile(t, &s, fails, cases, func(key string) bool {
		for _, ext := range []string{".json", ".html"} {
			if _, err := os.Stat(filepath.Join(out, hostileBatch, filepath.FromSlash(key)+ext)); err != nil {
				return false
			}
		}
		return true
	})
	t.Run("output holds no control characters", func(t *testing.T) {
		if i := strings.IndexFunc(stdout.String(), func(r rune) bool { return r < 0x20 && r != '\n' }); i >= 0 {
			t.Errorf("stdout holds a control character at byte %d:\n%q", i, stdout.String())
		}
		if !strings.Contains(stdout.String(), `"esc\x1b[31mred.vtt": `) {
			t.Errorf("stdout does not show the key with control characters quoted:\n%s", stdout.String())
		}
	})
	t.Run("nothing written outside the reports folder", func(t *testing.T) {
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(p, ".html") {
				t.Errorf("report written into the source: %s", p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
