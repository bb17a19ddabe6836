package analyze

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/calltrust/calltrust/analyze/transcript"
	"github.com/calltrust/calltrust/lexicons"
)

// Thresholds the labelled set must meet for every flag.
const (
	minPrecision = 0.9
	minRecall    = 0.85
	minEvalCalls = 60
)

// readCallFile parses a transcript and its sidecar the way the CLI does.
func readCallFile(path string) (*Call, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	c, err := transcript.Parse(filepath.Base(path), data)
	if err != nil {
		return nil, err
	}
	meta, err := os.ReadFile(path + transcript.MetaSuffix)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	} else if err != nil {
		return nil, err
	}
	m, err := transcript.ParseMeta(path+transcript.MetaSuffix, meta)
	if err != nil {
		return nil, err
	}
	return c, c.ApplyMeta(m)
}

// TestEvaluation computes precision and recall per flag over the
// labelled calls in testdata/eval, with the scoring `calltrust eval`
// uses, and fails below the thresholds, on a trap quoted or on a call
// not read.
func TestEvaluation(t *testing.T) {
	const labels = "../testdata/eval/labels.json"
	data, err := os.ReadFile(labels)
	if err != nil {
		t.Fatal(err)
	}
	ls, err := ParseLabels(labels, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) < minEvalCalls {
		t.Fatalf("the labelled set has %d calls, want at least %d", len(ls), minEvalCalls)
	}
	formats := map[string]int{}
	calls := make([]LabelledCall, len(ls))
	for i := range ls {
		calls[i].Label = ls[i]
		c, err := readCallFile(filepath.Join(filepath.Dir(labels), ls[i].File))
		if err == nil {
			formats[c.Format]++
			calls[i].Report, err = AnalyzeLabelled(c, &ls[i], lexicons.Default())
		}
		if err != nil {
			calls[i].Report, calls[i].Err = nil, err.Error()
		}
	}
	ev := Evaluate(calls)
	for _, d := range ev.Disagreements {
		t.Logf("%s: %s %s", d.Call, d.What, d.Flag)
	}
	t.Logf("%d labelled calls in %d formats %v", len(ls), len(formats), formats)
	t.Logf("%-20s %5s %5s %5s  %-22s %-22s", "flag", "calls", "pos", "fired", "precision (90%)", "recall (90%)")
	for _, s := range ev.Flags {
		t.Logf("%-20s %5d %5d %5d  %-22s %-22s", s.Kind, s.Calls, s.Positives, s.Fired, s.Precision, s.Recall)
	}
	for _, f := range ev.Check(minPrecision, minRecall) {
		t.Error(f)
	}
	if len(formats) < 4 {
		t.Errorf("the labelled set covers %d formats, want at least 4", len(formats))
	}
}
