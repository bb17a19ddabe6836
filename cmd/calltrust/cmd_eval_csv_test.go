package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/calltrust/calltrust/analyze"
	"github.com/calltrust/calltrust/worker"
)

// copyTree copies the files under src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		writeFile(t, dst, rel, string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// labelSummary writes a copy of a summary.csv with an expected_flags
// column: the cell from expected, or no cell at all for a call expected
// does not name.
func labelSummary(t *testing.T, csvPath, out string, expected map[string]string, drop func(call string) bool) {
	t.Helper()
	b, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(append(recs[0], "expected_flags"))
	for _, r := range recs[1:] {
		if drop != nil && drop(r[0]) {
			continue
		}
		if cell, ok := expected[r[0]]; ok {
			r = append(r, cell)
		}
		w.Write(r)
	}
	w.Flush()
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestEvalSummaryCSV runs a batch over testdata/calls (and a file that
// fails), labels its summary.csv the way a manager would in a
// spreadsheet, and checks eval scores what the batch's reports said.
func TestEvalSummaryCSV(t *testing.T) {
	src := t.TempDir()
	copyTree(t, "../../testdata/calls", src)
	writeFile(t, src, "broken.txt", "")
	out := filepath.Join(t.TempDir(), "reports")
	if code, stdout, stderr := runCmd(t, nil, "run", src, "--out", out, "--batch", "labelled"); code != 0 {
		t.Fatalf("run: exit %d\n%s\n%s", code, stdout, stderr)
	}
	batch := filepath.Join(out, "labelled")
	orig := filepath.Join(batch, "summary.csv")
	expected := map[string]string{
		"east/acme.vtt":                    "",
		"east/brightline-distribution.srt": "self_oriented_pitch;no_business_reason:high",
		"east/harbor-logistics.txt":        "unraised_objection",
		"west/acme.vtt":                    "overpromise",
		"west/pinecrest-foods.txt":         "no_business_reason; overpromise; unraised_objection",
		"broken.txt":                       "overpromise",
		// west/orbit-fitness.json has no cell: not scored.
	}
	labelled := filepath.Join(batch, "labelled.csv")
	labelSummary(t, orig, labelled, expected, nil)

	// What the scores must be, from the reports themselves.
	type tally struct{ calls, pos, fired, tp int }
	want := map[analyze.Kind]*tally{}
	for _, k := range analyze.Kinds {
		want[k] = &tally{}
	}
	for call, cell := range expected {
		kinds, err := parseExpected(cell)
		if err != nil {
			t.Fatal(err)
		}
		var r analyze.Report
		b, err := os.ReadFile(filepath.Join(batch, call+".json"))
		if call == "broken.txt" {
			if err == nil {
				t.Fatal("the broken call has a report")
			}
		} else if err != nil {
			t.Fatal(err)
		} else if err := json.Unmarshal(b, &r); err != nil {
			t.Fatal(err)
		}
		for _, k := range analyze.Kinds {
			if call == "broken.txt" && !slices.Contains(kinds, k) || slices.Contains(r.NotApplicable, k) {
				continue
			}
			tl := want[k]
			tl.calls++
			pos := slices.Contains(kinds, k)
			got := slices.ContainsFunc(r.Flags, func(f analyze.Flag) bool { return f.Kind == k })
			if pos {
				tl.pos++
			}
			if got {
				tl.fired++
			}
			if pos && got {
				tl.tp++
			}
		}
	}

	t.Run("labelled rows scored, a failed row not read", func(t *testing.T) {
		code, stdout, stderr := runCmd(t, nil, "eval", "--json", labelled)
		if code != 1 || !strings.Contains(stderr, "calltrust eval: failed: 1 call not read\n") {
			t.Errorf("exit %d, want 1 with the line\n%s", code, stderr)
		}
		res := decodeEval(t, stdout)
		if res.Calls != len(expected) || res.Read != len(expected)-1 || res.Unlabelled != 1 {
			t.Errorf("calls %d read %d unlabelled %d, want %d %d 1", res.Calls, res.Read, res.Unlabelled, len(expected), len(expected)-1)
		}
		if len(res.Unread) != 1 || res.Unread[0].Call != "broken.txt" || !strings.Contains(res.Unread[0].Error, "failed: parse broken.txt: empty file") {
			t.Errorf("unread %+v, want broken.txt with the batch's reason", res.Unread)
		}
		for _, k := range analyze.Kinds {
			s, w := flagScore(t, res, k), want[k]
			got := tally{s.Calls, s.Positives, s.Fired, s.TruePositives}
			if got != *w {
				t.Errorf("%s: %+v, want %+v from the reports", k, got, *w)
			}
		}
		if op := flagScore(t, res, analyze.Overpromise); op.MissedUnread != 1 {
			t.Errorf("overpromise on the broken call: %d missed unread, want 1", op.MissedUnread)
		}
	})

	t.Run("without the failed row it passes", func(t *testing.T) {
		read := filepath.Join(batch, "read.csv")
		labelSummary(t, orig, read, expected, func(call string) bool { return call == "broken.txt" })
		code, stdout, stderr := runCmd(t, nil, "eval", read)
		if code != 0 {
			t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
		}
		for _, w := range []string{"read.csv: 5 labelled calls, 5 read, 0 not read (1 row without an expected_flags cell not scored)", "passed:"} {
			if !strings.Contains(stdout, w) {
				t.Errorf("output lacks %q:\n%s", w, stdout)
			}
		}
	})

	t.Run("a summary without expected_flags", func(t *testing.T) {
		code, _, stderr := runCmd(t, nil, "eval", orig)
		if code != 2 || !strings.Contains(stderr, `summary.csv: line 1: no "expected_flags" column`) {
			t.Errorf("exit %d, want 2 naming the column: %s", code, stderr)
		}
	})

	t.Run("an unknown flag in a cell", func(t *testing.T) {
		bad := filepath.Join(batch, "bad.csv")
		labelSummary(t, orig, bad, map[string]string{"west/acme.vtt": "overpromise;overpromises"}, nil)
		code, _, stderr := runCmd(t, nil, "eval", bad)
		if code != 2 || !strings.Contains(stderr, `bad.csv: line `) || !strings.Contains(stderr, `(call west/acme.vtt): expected_flags: "overpromises" is not a flag`) {
			t.Errorf("exit %d, want 2 naming the line, call and cell: %s", code, stderr)
		}
	})
}

// FuzzParseSummaryCSV checks that a hand-edited summary.csv is either
// rows with a call and known flags, or an error; never a panic.
func FuzzParseSummaryCSV(f *testing.F) {
	head := strings.Join(append(append([]string{}, worker.CSVHeader...), "expected_flags"), ",") + "\n"
	for _, seed := range []string{
		head + "a.vtt,,,,,,,,,reported,,overpromise\n",
		head + "a.vtt,,,,,,,,,reported,,\nb.vtt,,,,,,,,,failed,parse b.vtt: empty file\n",
		head + "\"x,y\",,,,,\"self_oriented_pitch:high;overpromise:low\",,,,reported,,no_business_reason:high; unraised_objection\n",
		"\ufeffcall,status,expected_flags\nq.txt,reported,overpromises\n",
		"call,status\n",
		"",
		"\"unterminated\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, unlabelled, err := parseSummaryCSV("fuzz.csv", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.csv") && !strings.HasPrefix(err.Error(), "read fuzz.csv") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		if unlabelled < 0 {
			t.Fatalf("unlabelled %d", unlabelled)
		}
		for _, r := range rows {
			if r.call == "" {
				t.Fatalf("row without a call: %+v", r)
			}
			for _, k := range r.expected {
				if !slices.Contains(analyze.Kinds, k) {
					t.Fatalf("unknown kind %q accepted", k)
				}
			}
		}
	})
}
