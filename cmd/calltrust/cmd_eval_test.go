package main

import (
	"github.com/calltrust/calltrust/internal/realcalls"

	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/calltrust/calltrust/analyze"
)

const evalFixtures = "../../testdata/evalcmd"

// decodeEval reads eval's --json output.
func decodeEval(t *testing.T, stdout string) evalResult {
	t.Helper()
	var res evalResult
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("--json output does not decode: %v\n%s", err, stdout)
	}
	return res
}

func flagScore(t *testing.T, res evalResult, k analyze.Kind) analyze.FlagScore {
	t.Helper()
	for _, s := range res.Flags {
		if s.Kind == k {
			return s
		}
	}
	t.Fatalf("no figures for %s", k)
	return analyze.FlagScore{}
}

func TestEvalCommand(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		code     int
		stdout   []string // substrings of the text output
		stderr   string   // substring of stderr ("" = empty)
		notInOut []string
	}{
		{
			name: "labels that agree pass the thresholds",
			args: []string{"eval", filepath.Join(evalFixtures, "labels-pass.json"), "--min-precision", "0.9", "--min-recall", "0.75"},
			code: 0,
			stdout: []string{
				"labels-pass.json: 3 labelled calls, 3 read, 0 not read",
				"overpromise              3     1     1      1.00   [0.27, 1.00]   1.00   [0.27, 1.00]         0    0",
				"90% Wilson score",
				"no disagreements",
				"passed: every flag meets precision >= 0.90 and recall >= 0.75, every call read, no trap quoted",
			},
		},
		{
			name: "thresholds from the environment, flags after the argument",
			args: []string{"eval", filepath.Join(evalFixtures, "labels-below.json"), "--min-precision", "0.5"},
			env:  map[string]string{"CALLTRUST_MIN_RECALL": "0.75"},
			code: 1,
			stdout: []string{
				"overpromise              2     2     1      1.00   [0.27, 1.00]   0.50   [0.12, 0.88]",
				"referral-discovery.vtt: missed overpromise\n      labelled evidence: \"I can't promise a number of hours saved until we see your routes.\"",
			},
			stderr:   "calltrust eval: failed: overpromise recall 0.50 < 0.75\n",
			notInOut: []string{"passed:"},
		},
		{
			name:   "below a threshold it reports without one",
			args:   []string{"eval", "--min-recall", "0.5", filepath.Join(evalFixtures, "labels-below.json")},
			code:   0,
			stdout: []string{"passed: every flag meets precision >= 0.00 and recall >= 0.50"},
		},
		{
			name: "a trap quoted and calls not read fail without thresholds",
			args: []string{"eval", filepath.Join(evalFixtures, "labels-broken.json")},
			code: 1,
			stdout: []string{
				"3 labelled calls, 1 read, 2 not read",
				"cold-zero-risk.txt: trap quoted as overpromise evidence\n      fired on turn 5, Tomas Brekke: \"Our platform will cut your print costs in half, I guarantee it.\" (matched \"guarantee\")",
				"empty.txt: missed overpromise (call not read)\n      labelled evidence: \"We will double your sales.\"",
				"overpromise: 1 of 1 missed on calls not read",
				"calls not read (2; their labelled flags count as missed):",
				"empty.txt: parse " + filepath.Join(evalFixtures, "empty.txt") + ": empty file",
				`speaker-labels.txt: the label's seller_speakers names "Dario", not a speaker in the call (speakers: Speaker 1, Speaker 2)`,
			},
			stderr: "calltrust eval: failed: 1 trap quoted as overpromise; 2 calls not read\n",
		},
		{
			name:   "no labels",
			args:   []string{"eval"},
			code:   2,
			stderr: "eval takes one LABELS file, got 0 arguments",
		},
		{
			name:   "a threshold that is not a share",
			args:   []string{"eval", "x.json", "--min-recall", "75"},
			code:   2,
			stderr: "--min-recall 75: want a share between 0 and 1",
		},
		{
			name:   "labels that do not read",
			args:   []string{"eval", filepath.Join(evalFixtures, "cold-zero-risk.txt")},
			code:   2,
			stderr: "cold-zero-risk.txt: line 1: bad labels",
		},
		{
			name:   "labels with no calls",
			args:   []string{"eval", filepath.Join(evalFixtures, "labels-none.json")},
			code:   2,
			stderr: "labels-none.json: no labelled calls to score",
		},
		{
			name:   "a labels file that is missing",
			args:   []string{"eval", filepath.Join(evalFixtures, "nope.json")},
			code:   2,
			stderr: "read labels:",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, tc.env, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, stdout, stderr)
			}
			for _, w := range tc.stdout {
				if !strings.Contains(stdout, w) {
					t.Errorf("output lacks %q:\n%s", w, stdout)
				}
			}
			for _, w := range tc.notInOut {
				if strings.Contains(stdout, w) {
					t.Errorf("output holds %q:\n%s", w, stdout)
				}
			}
			if tc.stderr == "" && stderr != "" {
				t.Errorf("stderr: %s", stderr)
			}
			if !strings.Contains(stderr, tc.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tc.stderr, stderr)
			}
		})
	}
}

func TestEvalCommandHelp(t *testing.T) {
	_, _, stderr := runCmd(t, nil, "help", "eval")
	for _, f := range []string{"lexicons", "min-precision", "min-recall", "json", "endpoint", "path-style", "region"} {
		if !strings.Contains(stderr, "--"+f+"\t") || !strings.Contains(stderr, envName(f)) {
			t.Errorf("help eval lacks --%s or %s:\n%s", f, envName(f), stderr)
		}
	}
}

// TestEvalCommandJSON checks the JSON document holds what the text says.
func TestEvalCommandJSON(t *testing.T) {
	code, stdout, stderr := runCmd(t, nil, "eval", "--json", filepath.Join(evalFixtures, "labels-broken.json"))
	if code != 1 {
		t.Fatalf("exit %d, want 1: %s", code, stderr)
	}
	res := decodeEval(t, stdout)
	if res.Passed || res.Calls != 3 || res.Read != 1 || res.TrapsQuoted != 1 {
		t.Errorf("passed %v calls %d read %d traps %d, want false 3 1 1", res.Passed, res.Calls, res.Read, res.TrapsQuoted)
	}
	want := []string{"1 trap quoted as overpromise", "2 calls not read"}
	if strings.Join(res.Failures, "|") != strings.Join(want, "|") {
		t.Errorf("failures %q, want %q", res.Failures, want)
	}
	var unread []string
	for _, u := range res.Unread {
		unread = append(unread, u.Call)
	}
	if strings.Join(unread, ",") != "empty.txt,speaker-labels.txt" {
		t.Errorf("unread %q", unread)
	}
	op := flagScore(t, res, analyze.Overpromise)
	if op.Positives != 2 || op.Fired != 1 || op.TruePositives != 1 || op.Missed != 1 || op.MissedUnread != 1 {
		t.Errorf("overpromise %+v", op)
	}
	if op.Recall == nil || op.Recall.Value != 0.5 || op.Recall.Low >= 0.5 || op.Recall.High <= 0.5 {
		t.Errorf("overpromise recall %v, want 0.50 inside its interval", op.Recall)
	}
	var trap *analyze.Disagreement
	for i, d := range res.Disagreements {
		if d.What == analyze.TrapQuoted {
			trap = &res.Disagreements[i]
		}
	}
	if trap == nil || trap.Fired == nil || trap.Fired.Turn != 4 || trap.Fired.Speaker != "Tomas Brekke" {
		t.Errorf("trap disagreement %+v", trap)
	}
}

// TestEvalParallelDeterministic runs the same evaluation twice: calls are
// analyzed in parallel, and the output must not depend on which
// finished first.
func TestEvalParallelDeterministic(t *testing.T) {
	_, first, _ := runCmd(t, nil, "eval", "--json", filepath.Join(evalFixtures, "labels-pass.json"))
	for range 3 {
		if _, again, _ := runCmd(t, nil, "eval", "--json", filepath.Join(evalFixtures, "labels-pass.json")); again != first {
			t.Fatalf("two runs differ:\n%s\n---\n%s", first, again)
		}
	}
}

// TestEvalRealCalls evaluates the detectors on real calls nobody on the
// project wrote, with the bar a team would set: every call read, no trap
// quoted, and on each flag precision 0.85 and recall 0.75, and the command
// exits 0 on that bar. The figures are logged.
func TestEvalRealCalls(t *testing.T) {
	labels := filepath.Join(realcalls.Dir(t), "labels.json")
	code, stdout, stderr := runCmd(t, nil, "eval", "--json", "--min-precision", "0.85", "--min-recall", "0.75", labels)
	if code == 2 {
		t.Fatalf("exit 2: %s", stderr)
	}
	res := decodeEval(t, stdout)
	var text strings.Builder
	if err := writeEval(&text, &res); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + text.String())
	for _, s := range res.Flags {
		if s.Precision == nil || s.Precision.Value < 0.85 || s.Recall == nil || s.Recall.Value < 0.75 {
			t.Errorf("%s: precision %s, recall %s (%d false positives, %d missed): want precision 0.85 and recall 0.75",
				s.Kind, s.Precision, s.Recall, s.FalsePositives, s.Missed)
		}
		if s.Positives == 0 || s.Fired == 0 {
			t.Errorf("%s: %d positives, fired %d: nothing to judge it by", s.Kind, s.Positives, s.Fired)
		}
	}
	for _, u := range res.Unread {
		t.Errorf("not read: %s: %s", u.Call, u.Error)
	}
	if res.TrapsQuoted > 0 {
		t.Errorf("%d traps quoted as overpromise evidence", res.TrapsQuoted)
	}
	if code != 0 || !res.Passed {
		t.Errorf("exit %d, passed %v: %s", code, res.Passed, stderr)
	}
}
