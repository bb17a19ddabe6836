package analyze

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
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

type label struct {
	File          string `json:"file"`
	Flags         []Kind `json:"flags"`
	NotApplicable []Kind `json:"not_applicable"`
	Notes         string `json:"notes"`
}

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
// labelled calls in testdata/eval and fails below the thresholds.
func TestEvaluation(t *testing.T) {
	files, _ := filepath.Glob("../testdata/eval/labels-*.json")
	var labels []label
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var ls []label
		if err := json.Unmarshal(b, &ls); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		labels = append(labels, ls...)
	}
	if len(labels) < minEvalCalls {
		t.Fatalf("the labelled set has %d calls, want at least %d", len(labels), minEvalCalls)
	}
	sort.Slice(labels, func(i, j int) bool { return labels[i].File < labels[j].File })
	type counts struct{ tp, fp, fn, n int }
	per := map[Kind]*counts{}
	for _, k := range Kinds {
		per[k] = &counts{}
	}
	formats := map[string]int{}
	var misses []string
	for _, l := range labels {
		c, err := readCallFile(filepath.Join("../testdata/eval", l.File))
		if err != nil {
			t.Errorf("%s: %v", l.File, err)
			continue
		}
		formats[c.Format]++
		r, err := Analyze(c, lexicons.Default(), Options{})
		if err != nil {
			t.Errorf("%s: %v", l.File, err)
			continue
		}
		got, want, na := map[Kind]bool{}, map[Kind]bool{}, map[Kind]bool{}
		for _, f := range r.Flags {
			got[f.Kind] = true
		}
		for _, k := range l.Flags {
			want[k] = true
		}
		for _, k := range r.NotApplicable {
			na[k] = true
		}
		for _, k := range l.NotApplicable {
			if !na[k] {
				t.Errorf("%s: %s should be not applicable", l.File, k)
			}
		}
		for _, k := range Kinds {
			if na[k] {
				continue
			}
			p := per[k]
			p.n++
			switch {
			case got[k] && want[k]:
				p.tp++
			case got[k]:
				p.fp++
				misses = append(misses, fmt.Sprintf("%s: false %s", l.File, k))
			case want[k]:
				p.fn++
				misses = append(misses, fmt.Sprintf("%s: missed %s", l.File, k))
			}
		}
	}
	for _, m := range misses {
		t.Log(m)
	}
	t.Logf("%d labelled calls in %d formats %v", len(labels), len(formats), formats)
	t.Logf("%-20s %5s %5s %5s %9s %6s", "flag", "calls", "pos", "fired", "precision", "recall")
	for _, k := range Kinds {
		p := per[k]
		prec, rec := ratio(p.tp, p.tp+p.fp), ratio(p.tp, p.tp+p.fn)
		t.Logf("%-20s %5d %5d %5d %9.2f %6.2f", k, p.n, p.tp+p.fn, p.tp+p.fp, prec, rec)
		if prec < minPrecision || rec < minRecall {
			t.Errorf("%s: precision %.2f recall %.2f, want at least %.2f and %.2f", k, prec, rec, minPrecision, minRecall)
		}
	}
	if len(formats) < 4 {
		t.Errorf("the labelled set covers %d formats, want at least 4", len(formats))
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}
