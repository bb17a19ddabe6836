package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/calltrust/calltrust/analyze"
	"github.com/calltrust/calltrust/worker"
	"github.com/calltrust/calltrust/worker/pages"
)

// hostileRep is a rep name that carries markup; every page must show it
// as text.
const hostileRep = `<script>alert("rep")</script> Ola`

// trendDay writes one day's calls: Dana overpromises more each day, Ola
// (with markup in the name) keeps to plain questions.
func trendDay(t *testing.T, day int) string {
	t.Helper()
	dir := t.TempDir()
	date := fmt.Sprintf("2026-03-%02d", day)
	for i := range day {
		name := fmt.Sprintf("dana-%d.txt", i)
		writeFile(t, dir, name, demoCall)
		writeFile(t, dir, name+".meta.json", fmt.Sprintf(`{"rep": "Dana Reyes", "account": "Mark & Co", "date": %q}`, date))
	}
	writeFile(t, dir, "dana-plain.txt", batchFiles["west/renewal.txt"])
	writeFile(t, dir, "dana-plain.txt.meta.json", fmt.Sprintf(`{"rep": "Dana Reyes", "date": %q}`, date))
	writeFile(t, dir, "ola.txt", batchFiles["west/renewal.txt"])
	rep, _ := json.Marshal(hostileRep)
	writeFile(t, dir, "ola.txt.meta.json", fmt.Sprintf(`{"rep": %s, "date": %q}`, rep, date))
	return dir
}

func runDay(t *testing.T, out string, day int, extra ...string) {
	t.Helper()
	args := append([]string{"run", trendDay(t, day), "--out", out, "--batch", fmt.Sprintf("nightly-2026-03-%02d", day), "--no-progress"}, extra...)
	if code, stdout, stderr := runCmd(t, nil, args...); code != 0 {
		t.Fatalf("run day %d: exit %d\n%s\n%s", day, code, stdout, stderr)
	}
}

func TestTrendsAcrossBatches(t *testing.T) {
	out := filepath.Join(t.TempDir(), "reports")
	lex := filepath.Join(t.TempDir(), "lex")
	if code, _, stderr := runCmd(t, nil, "lexicons", "export", lex); code != 0 {
		t.Fatalf("lexicons export: %s", stderr)
	}
	yamls, _ := filepath.Glob(filepath.Join(lex, "*.yaml"))
	if len(yamls) == 0 {
		t.Fatalf("lexicons export wrote no yaml files into %s", lex)
	}
	f, err := os.OpenFile(yamls[0], os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("\n# edited for the trends test\n")
	f.Close()

	runDay(t, out, 1)
	runDay(t, out, 2)
	runDay(t, out, 3, "--lexicons", lex)
	var wg sync.WaitGroup // two batches finishing at once
	for _, day := range []int{4, 5} {
		wg.Go(func() { runDay(t, out, day, "--lexicons", lex) })
	}
	wg.Wait()

	var got pages.Trends
	data, err := os.ReadFile(filepath.Join(out, "trends", "trends.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, b := range got.Batches {
		ids = append(ids, b.Batch)
	}
	want := []string{"nightly-2026-03-01", "nightly-2026-03-02", "nightly-2026-03-03", "nightly-2026-03-04", "nightly-2026-03-05"}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Fatalf("trends batches = %v, want %v (both concurrent batches included)", ids, want)
	}
	for i, b := range got.Batches {
		if wantChange := i == 2; b.LexiconsChanged != wantChange {
			t.Errorf("batch %s: lexicons_changed = %v, want %v", b.Batch, b.LexiconsChanged, wantChange)
		}
		if _, err := os.Stat(filepath.Join(out, "trends", filepath.FromSlash(b.Href))); err != nil {
			t.Errorf("batch %s: link %s does not reach its page: %v", b.Batch, b.Href, err)
		}
	}

	// The figures again, straight from each summary.json.
	reps := map[string]pages.RepTrend{}
	for _, r := range got.Reps {
		reps[r.Rep] = r
	}
	for i, id := range want {
		var s worker.Summary
		b, err := os.ReadFile(filepath.Join(out, id, "summary.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatal(err)
		}
		calls, flagged, trust := map[string]int{}, map[string]int{}, map[string][]float64{}
		for _, r := range s.Rows {
			if r.Status != worker.RowReported {
				continue
			}
			calls[r.Rep]++
			trust[r.Rep] = append(trust[r.Rep], r.Trustworthiness)
			for _, f := range r.Flags {
				if f.Kind == analyze.Overpromise {
					flagged[r.Rep]++
					break
				}
			}
		}
		for rep, n := range calls {
			rt, ok := reps[rep]
			if !ok {
				t.Fatalf("trends lack rep %q", rep)
			}
			if rt.Calls[i] != n {
				t.Errorf("%s %s: calls = %d, want %d", rep, id, rt.Calls[i], n)
			}
			rate := float64(flagged[rep]) / float64(n)
			if r := rt.Rates[analyze.Overpromise][i]; r == nil || *r != rate {
				t.Errorf("%s %s: overpromise rate = %v, want %v", rep, id, r, rate)
			}
			ts := trust[rep]
			sort.Float64s(ts)
			med := ts[len(ts)/2]
			if len(ts)%2 == 0 {
				med = (ts[len(ts)/2-1] + ts[len(ts)/2]) / 2
			}
			if m := rt.Median[i]; m == nil || *m != med {
				t.Errorf("%s %s: median trust = %v, want %v", rep, id, m, med)
			}
		}
	}
	if len(got.Reps) == 0 || got.Reps[0].Rep != "Dana Reyes" || got.Reps[0].MoveBy == "" {
		t.Errorf("worst mover = %+v, want Dana Reyes, whose overpromise rate rose", got.Reps[0])
	}
	for _, r := range got.Reps {
		for _, c := range r.Flagged {
			if _, err := os.Stat(filepath.Join(out, "trends", filepath.FromSlash(c.Href))); err != nil {
				t.Errorf("%s: call link %s does not reach its page: %v", r.Rep, c.Href, err)
			}
		}
	}

	t.Run("idempotent", func(t *testing.T) {
		st, err := worker.OpenStore(t.Context(), out, worker.StoreOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := worker.UpdateTrends(t.Context(), st, 0); err != nil {
			t.Fatal(err)
		}
		again, _ := os.ReadFile(filepath.Join(out, "trends", "trends.json"))
		if string(again) != string(data) {
			t.Error("rebuilding the trends changed trends.json")
		}
	})
	t.Run("page escapes rep names", func(t *testing.T) {
		page, _ := os.ReadFile(filepath.Join(out, "trends", "index.html"))
		if strings.Contains(string(page), "<script>alert") || !strings.Contains(string(page), "&lt;script&gt;alert") {
			t.Error("the trends page does not escape a rep name holding markup")
		}
		if n := strings.Count(string(page), "<polyline"); n == 0 {
			t.Error("the trends page has no SVG lines")
		}
	})
	t.Run("report --trends", func(t *testing.T) {
		code, stdout, stderr := runCmd(t, nil, "report", "--trends", "--reports", out)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		for _, w := range []string{"nightly-2026-03-05", "(lexicons changed)", "Dana Reyes", hostileRep, "overpromise"} {
			if !strings.Contains(stdout, w) {
				t.Errorf("report --trends lacks %q:\n%s", w, stdout)
			}
		}
	})
}
