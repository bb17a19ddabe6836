package main

import (
	"strings"
	"testing"

	"github.com/calltrust/calltrust/worker"
	"github.com/calltrust/calltrust/worker/pages"
)

// TestTrendsAcrossBatchesMinIO runs five nightly batches into one S3
// prefix on a real MinIO and checks the trends there against the stored
// summaries, as TestTrendsAcrossBatches does for a folder.
func TestTrendsAcrossBatchesMinIO(t *testing.T) {
	m := startCmdMinio(t)
	out := "s3://" + m.bucket + "/team/reports/"
	want := runTrendBatches(t, out, m.storeArgs()...)
	st := m.store(t, out)
	_, data := checkTrends(t, st, want)

	t.Run("nothing outside the prefix", func(t *testing.T) {
		root := m.store(t, "s3://"+m.bucket+"/")
		var outside []string
		if err := root.List(t.Context(), "", func(o worker.Object) error {
			if !strings.HasPrefix(o.Key, "team/reports/") {
				outside = append(outside, o.Key)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if len(outside) > 0 {
			t.Errorf("objects written outside the reports prefix: %q", outside)
		}
	})
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
		code, stdout, stderr := runCmd(t, nil, append([]string{"report", "--trends", "--reports", out}, m.storeArgs()...)...)
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
