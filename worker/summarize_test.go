package worker

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/calltrust/calltrust/analyze"
	"github.com/calltrust/calltrust/queue"
	"github.com/calltrust/calltrust/worker/pages"
)

// memStore is a Store in memory for summary tests.
type memStore map[string][]byte

func (m memStore) Get(_ context.Context, key string, _ int64) ([]byte, error) {
	b, ok := m[key]
	if !ok {
		return nil, ErrNotFound
	}
	return b, nil
}

func (m memStore) Put(_ context.Context, key string, data []byte, _ string) error {
	m[key] = data
	return nil
}

func (m memStore) List(_ context.Context, prefix string, fn func(Object) error) error {
	var keys []string
	for k := range m {
		if strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		if err := fn(Object{Key: k, Size: int64(len(m[k]))}); err != nil {
			return err
		}
	}
	return nil
}

func putReport(t *testing.T, st memStore, batch, call, version string, trust float64, flags ...analyze.Flag) {
	t.Helper()
	r := &analyze.Report{SchemaVersion: 1, Call: analyze.CallInfo{ID: call, Rep: "Dana"}, LexiconsVersion: version, Flags: flags}
	r.Trust.Trustworthiness = trust
	b, err := MarshalReport(r)
	if err != nil {
		t.Fatal(err)
	}
	st[batch+"/"+call+".json"] = b
}

func TestBuildSummary(t *testing.T) {
	st := memStore{}
	over := analyze.Flag{Kind: analyze.Overpromise, Severity: analyze.High, Score: 0.9,
		Evidence: []analyze.Evidence{{Quote: "It will never fail you."}}}
	stall := analyze.Flag{Kind: analyze.UnraisedObjection, Severity: analyze.Low, Score: 0.3,
		Evidence: []analyze.Evidence{{Quote: "Let's move on."}}}
	putReport(t, st, "b", "a.txt", "v1", 3, stall, over)
	putReport(t, st, "b", "dir/c.txt", "v2", 7)
	outcomes := []queue.Outcome{
		{Call: "a.txt", Key: "a.txt", Status: queue.StatusDone},
		{Call: "dir/c.txt", Key: "dir/c.txt", Status: queue.StatusDone},
		{Call: "gone.txt", Key: "gone.txt", Status: queue.StatusDone},
		{Call: "bad.vtt", Key: "bad.vtt", Status: queue.StatusFailed, Reason: "parse bad.vtt: line 2: syntax error"},
		{Call: "later.txt", Key: "later.txt", Status: queue.StatusPending},
	}
	s, err := BuildSummary(context.Background(), st, Summary{Batch: "b", Source: "src", Skipped: 4}, outcomes)
	if err != nil {
		t.Fatal(err)
	}
	if s.Calls != 5 || s.Reported != 2 || s.Failed != 2 || s.Pending != 1 || s.Flagged != 1 || s.Skipped != 4 {
		t.Errorf("counts = calls %d reported %d failed %d pending %d flagged %d skipped %d", s.Calls, s.Reported, s.Failed, s.Pending, s.Flagged, s.Skipped)
	}
	if s.FlaggedByKind[analyze.Overpromise] != 1 || s.FlaggedByKind[analyze.UnraisedObjection] != 1 {
		t.Errorf("flagged by kind = %v", s.FlaggedByKind)
	}
	if len(s.LexiconsVersions) != 2 || !containsWord(s.Warnings, "lexicon sets") || !containsWord(s.Warnings, "pending") {
		t.Errorf("versions %v warnings %v: want both versions, a lexicons warning and a partial warning", s.LexiconsVersions, s.Warnings)
	}
	top := s.Rows[0]
	if top.Call != "a.txt" || top.WorstSeverity != analyze.High || top.TopQuote != "It will never fail you." || top.ReportHTML != "a.txt.html" {
		t.Errorf("top row = %+v", top)
	}
	if !failureSays(s.Failures, "gone.txt", "missing") || !failureSays(s.Failures, "bad.vtt", "syntax error") {
		t.Errorf("failures = %+v", s.Failures)
	}

	t.Run("csv", func(t *testing.T) {
		got := strings.Split(strings.TrimSpace(string(pages.SummaryCSVBytes(s))), "\n")
		if got[0] != strings.Join(CSVHeader, ",") {
			t.Errorf("header = %s", got[0])
		}
		if want := "a.txt,Dana,,,,unraised_objection:low;overpromise:high,high,3.00,It will never fail you.,reported,"; got[1] != want {
			t.Errorf("first record = %s, want %s", got[1], want)
		}
		if len(got) != 1+4 {
			t.Errorf("%d lines, want header and 4 rows (pending calls have none)", len(got))
		}
	})
}

// TestSummaryBrokenReports checks that a stored report that does not
// decode makes its call a listed failure that says why, in
// encoding/json's words, and that the reports around it still count.
func TestSummaryBrokenReports(t *testing.T) {
	st := memStore{}
	putReport(t, st, "b", "good.txt", "v1", 6)
	st["b/cut.txt.json"] = []byte(`{"schema_version":1,"call":{"id":"cut.txt"`)
	st["b/typed.txt.json"] = []byte(`{"schema_version":1,"call":{"id":"typed.txt"},"flags":"none"}`)
	outcomes := []queue.Outcome{
		{Call: "good.txt", Key: "good.txt", Status: queue.StatusDone},
		{Call: "cut.txt", Key: "cut.txt", Status: queue.StatusDone},
		{Call: "typed.txt", Key: "typed.txt", Status: queue.StatusDone},
	}
	s, err := BuildSummary(context.Background(), st, Summary{Batch: "b", Source: "src"}, outcomes)
	if err != nil {
		t.Fatal(err)
	}
	if s.Reported != 1 || s.Failed != 2 {
		t.Errorf("reported %d failed %d, want 1 and 2", s.Reported, s.Failed)
	}
	if !failureSays(s.Failures, "cut.txt", "unexpected end of JSON input") ||
		!failureSays(s.Failures, "typed.txt", "cannot unmarshal string into Go struct field") {
		t.Errorf("failures = %+v", s.Failures)
	}
}

func containsWord(list []string, word string) bool {
	for _, s := range list {
		if strings.Contains(s, word) {
			return true
		}
	}
	return false
}

func TestLoadSummary(t *testing.T) {
	ctx := context.Background()
	st := memStore{}
	putReport(t, st, "b", "a.txt", "v1", 3)
	st["b/a.txt.html"] = []byte("<html>")
	fails := []Failure{{Call: "bad.vtt", Key: "bad.vtt", Reason: "empty file"}}
	b, _ := json.Marshal(fails)
	st["b/failures.json"] = b

	t.Run("rebuilt without summary.json", func(t *testing.T) {
		s, rebuilt, err := LoadSummary(ctx, st, "b")
		if err != nil {
			t.Fatal(err)
		}
		if !rebuilt || s.Calls != 2 || s.Reported != 1 || s.Failed != 1 {
			t.Errorf("rebuilt %v, summary %+v", rebuilt, s)
		}
		if err := WriteSummary(ctx, st, s); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("summary.json when current", func(t *testing.T) {
		s, rebuilt, err := LoadSummary(ctx, st, "b")
		if err != nil {
			t.Fatal(err)
		}
		if rebuilt || s.Reported != 1 {
			t.Errorf("rebuilt %v, summary %+v", rebuilt, s)
		}
	})
	t.Run("rebuilt when stale", func(t *testing.T) {
		putReport(t, st, "b", "bad.vtt", "v1", 5)
		s, rebuilt, err := LoadSummary(ctx, st, "b")
		if err != nil {
			t.Fatal(err)
		}
		if !rebuilt || s.Reported != 2 || s.Failed != 0 {
			t.Errorf("rebuilt %v, reported %d failed %d: the new report replaces the failure", rebuilt, s.Reported, s.Failed)
		}
	})
	t.Run("nothing there", func(t *testing.T) {
		if _, _, err := LoadSummary(ctx, st, "other"); err == nil {
			t.Error("LoadSummary of an empty batch folder succeeded")
		}
	})
}
