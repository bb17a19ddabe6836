package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/calltrust/calltrust/worker"
	"github.com/calltrust/calltrust/worker/pages"
)

// TestTrendsAcrossBatches runs five nightly batches into one reports
// folder and checks the trends against the stored summaries.
func TestTrendsAcrossBatches(t *testing.T) {
	out := filepath.Join(t.TempDir(), "reports")
	want := runTrendBatches(t, out)
	st, err := worker.OpenStore(t.Context(), out, worker.StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, data := checkTrends(t, st, want)

	checkTrendOutputs(t, st, out, want, data)
}

// checkTrendOutputs checks what the trends of runTrendBatches give a
// reader of the store at out, wherever it is: rebuilding them changes
// nothing, the page escapes rep names, report --trends (with the store's
// flags, args) lists the newest batch, and two updates at once both land.
// data is trends.json as first written.
func checkTrendOutputs(t *testing.T, st worker.Store, out string, want []string, data []byte, args ...string) {
	t.Run("idempotent", func(t *testing.T) {
		if _, err := worker.UpdateTrends(t.Context(), st, 0); err != nil {
			t.Fatal(err)
		}
		if _, again := readTrends(t, st); string(again) != string(data) {
			t.Error("rebuilding the trends changed trends.json")
		}
	})
	t.Run("page escapes rep names", func(t *testing.T) {
		page, err := st.Get(t.Context(), pages.TrendsDir+"/index.html", 16<<20)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(page), "<script>alert") || !strings.Contains(string(page), "&lt;script&gt;alert") {
			t.Error("the trends page does not escape a rep name holding markup")
		}
		if n := strings.Count(string(page), "<polyline"); n == 0 {
			t.Error("the trends page has no SVG lines")
		}
	})
	t.Run("report --trends", func(t *testing.T) {
		code, stdout, stderr := runCmd(t, nil, append([]string{"report", "--trends", "--reports", out}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		for _, w := range []string{want[len(want)-1], "(lexicons changed)", "Dana Reyes", hostileRep, "overpromise"} {
			if !strings.Contains(stdout, w) {
				t.Errorf("report --trends lacks %q:\n%s", w, stdout)
			}
		}
	})
	t.Run("two updates at once", func(t *testing.T) {
		checkUpdatesAtOnce(t, st, want[len(want)-1], trendBatch(6), trendBatch(7))
	})
}
