package main

import (
	"strings"
	"testing"

	"github.com/calltrust/calltrust/worker"
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
	checkTrendOutputs(t, st, out, want, data, m.storeArgs()...)
}
