package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// batchFiles are a small batch: good calls, one with a sidecar, a broken
// one and objects that are not transcripts.
var batchFiles = map[string]string{
	"ledgerly.txt":           demoCall,
	"ledgerly.txt.meta.json": `{"rep": "Dana Reyes", "account": "Mark & Co"}`,
	"west/renewal.txt": "Lee: Good morning, how is the rollout going at your end?\n" +
		"Kim: Slower than planned, the security review took two weeks.\n" +
		"Lee: What did the review flag, and who needs to sign off next?\n" +
		"Kim: Mostly data retention. Our CISO signs off.\n",
	"broken.txt": "",
	"notes.pdf":  "%PDF-1.4",
}

func writeBatch(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range batchFiles {
		writeFile(t, dir, name, body)
	}
	return dir
}

func TestRunCommand(t *testing.T) {
	src := writeBatch(t)
	out := filepath.Join(t.TempDir(), "reports")
	code, stdout, stderr := runCmd(t, nil, "run", src, "--out", out, "--batch", "demo")
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"batch demo: 3 calls in ",
		"reported: 2",
		"failed: 1",
		"skipped: 1 (not transcripts)",
		"overpromise",
		"broken.txt: parse broken.txt: empty file",
		"reports: " + filepath.Join(out, "demo", "index.html"),
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if m := regexp.MustCompile(`\(([0-9.]+) calls/s\)`).FindStringSubmatch(stdout); m != nil {
		t.Logf("run over %d calls: %s calls/s", 3, m[1])
	}
	for _, f := range []string{"ledgerly.txt.json", "ledgerly.txt.html", "west/renewal.txt.json", "west/renewal.txt.html",
		"summary.json", "summary.csv", "index.html", "failures.json"} {
		if _, err := os.Stat(filepath.Join(out, "demo", f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	var s struct {
		Calls, Reported, Failed int
		Rows                    []struct{ Call, Rep, Status string }
	}
	b, err := os.ReadFile(filepath.Join(out, "demo", "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if s.Calls != 3 || s.Reported+s.Failed != s.Calls || len(s.Rows) != 3 {
		t.Errorf("summary: %+v", s)
	}
	if s.Rows[0].Call != "ledgerly.txt" || s.Rows[0].Rep != "Dana Reyes" {
		t.Errorf("worst row = %+v, want the ledgerly call with the sidecar's rep", s.Rows[0])
	}
	if stderr != "" {
		t.Errorf("stderr not empty on a clean run (no terminal, no progress bar):\n%s", stderr)
	}

	t.Run("report reads the folder", func(t *testing.T) {
		csvPath := filepath.Join(t.TempDir(), "calls.csv")
		code, stdout, stderr := runCmd(t, nil, "report", "--batch", "demo", "--reports", out, "--csv", csvPath)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		for _, want := range []string{"batch demo: 3 calls, 2 reported", "ledgerly.txt", "Dana Reyes", "overpromise (", "failures:", "broken.txt: parse broken.txt: empty file"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("report lacks %q:\n%s", want, stdout)
			}
		}
		b, err := os.ReadFile(csvPath)
		if err != nil {
			t.Fatal(err)
		}
		if first, _, _ := strings.Cut(string(b), "\n"); first != "call,rep,account,date,duration_seconds,flags,worst_severity,trustworthiness,top_quote,status,reason" {
			t.Errorf("csv header = %s", first)
		}
	})
	t.Run("report rebuilds without summary.json", func(t *testing.T) {
		if err := os.Remove(filepath.Join(out, "demo", "summary.json")); err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := runCmd(t, nil, "report", "--reports", out, "--batch", "demo")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if !strings.Contains(stdout, "summary built from the reports found") || !strings.Contains(stdout, "3 calls, 2 reported") {
			t.Errorf("report:\n%s", stdout)
		}
	})
}

func TestRunCommandErrors(t *testing.T) {
	empty := t.TempDir()
	writeFile(t, empty, "notes.pdf", "x")
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no source", []string{"run"}, 2, "one source"},
		{"missing folder", []string{"run", filepath.Join(empty, "nope"), "--out", t.TempDir()}, 1, "no such file"},
		{"no transcripts", []string{"run", empty, "--out", t.TempDir()}, 1, "no transcripts"},
		{"bad batch", []string{"run", empty, "--batch", "a/b"}, 2, "--batch"},
		{"bad concurrency", []string{"run", empty, "--concurrency", "0"}, 2, "--concurrency"},
		{"bad log level", []string{"run", empty, "--log-level", "loud", "--out", t.TempDir()}, 2, "--log-level"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCmd(t, nil, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q: want %d and %q", code, stderr, tc.code, tc.want)
			}
		})
	}
}

func TestDefaultBatchID(t *testing.T) {
	cases := map[string]string{
		"testdata/calls":                "calls",
		"testdata/calls/":               "calls",
		"s3://bucket/calls/2026-11-21/": "2026-11-21",
		"/tmp/my calls":                 "my-calls",
		"/":                             "batch",
		".hidden":                       "hidden",
	}
	for in, want := range cases {
		t.Run(in, func(t *testing.T) {
			if got := defaultBatchID(in); got != want {
				t.Errorf("defaultBatchID(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestHelpListsFlags(t *testing.T) {
	cases := map[string][]string{
		"run":      {"--out", "--reports", "--redis", "--batch", "--concurrency", "--lexicons", "--max-bytes", "--max-retry", "--retention", "--log-level", "CALLTRUST_OUT"},
		"worker":   {"--redis", "--concurrency", "--lexicons", "--metrics-addr", "--shutdown-timeout", "--max-bytes", "--log-level", "CALLTRUST_METRICS_ADDR"},
		"enqueue":  {"--batch", "--redis", "--reports", "--retention", "--max-retry", "--timeout", "--queue", "CALLTRUST_RETENTION"},
		"schedule": {"--cron", "--redis", "--reports", "--tz", "--batch", "CALLTRUST_CRON"},
		"report":   {"--batch", "--reports", "--csv", "CALLTRUST_CSV"},
		"status":   {"--batch", "--redis", "CALLTRUST_BATCH"},
	}
	for cmd, flags := range cases {
		t.Run(cmd, func(t *testing.T) {
			code, _, stderr := runCmd(t, nil, "help", cmd)
			if code != 0 {
				t.Fatalf("help %s: exit %d", cmd, code)
			}
			for _, f := range flags {
				if !strings.Contains(stderr, f) {
					t.Errorf("help %s lacks %s", cmd, f)
				}
			}
		})
	}
}
