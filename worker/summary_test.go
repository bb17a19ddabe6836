package worker

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/calltrust/calltrust/analyze"
	"github.com/calltrust/calltrust/queue"
)

// TestSummaryRowsCarryCallType writes a batch's summary files from stored
// reports and reads them back as a scheduler or a spreadsheet would:
// summary.json rows carry each report's call type, summary.csv keeps its
// fixed columns.
func TestSummaryRowsCarryCallType(t *testing.T) {
	ctx := context.Background()
	calls := []struct {
		call, callType, source string
		want                   string // call_type in summary.json; "" for a failed call
	}{
		{"demo.vtt", analyze.CallDemo, analyze.StageFromSidecar, analyze.CallDemo},
		{"east/follow.txt", analyze.CallFollowUp, analyze.StageFromInferred, analyze.CallFollowUp},
		{"unknown.txt", analyze.CallUnknown, analyze.StageFromInferred, analyze.CallUnknown},
		{"closing.docx", analyze.CallClosing, analyze.StageFromDocument, analyze.CallClosing},
		{"older.srt", "", "", ""},
		{"broken.vtt", "", "", ""},
	}
	st := memStore{}
	var outcomes []queue.Outcome
	for _, c := range calls {
		o := queue.Outcome{Call: c.call, Key: c.call, Status: queue.StatusDone}
		if c.call == "broken.vtt" {
			o.Status, o.Reason = queue.StatusFailed, "parse broken.vtt: webvtt: line 3: no cue timing"
			outcomes = append(outcomes, o)
			continue
		}
		r := &analyze.Report{SchemaVersion: 1, LexiconsVersion: "v1",
			Call: analyze.CallInfo{ID: c.call, Rep: "Dana", CallType: c.callType, CallTypeSource: c.source}}
		b, err := MarshalReport(r)
		if err != nil {
			t.Fatal(err)
		}
		st["b/"+c.call+".json"] = b
		outcomes = append(outcomes, o)
	}
	s, err := BuildSummary(ctx, st, Summary{Batch: "b", Source: "src"}, outcomes)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteSummary(ctx, st, s); err != nil {
		t.Fatal(err)
	}

	var written struct {
		Rows []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal(st["b/"+SummaryJSON], &written); err != nil {
		t.Fatalf("summary.json: %v", err)
	}
	byCall := map[string]map[string]any{}
	for _, row := range written.Rows {
		byCall[row["call"].(string)] = row
	}
	for _, c := range calls {
		t.Run("json "+c.call, func(t *testing.T) {
			row, ok := byCall[c.call]
			if !ok {
				t.Fatal("summary.json has no row for the call")
			}
			got, ok := row["call_type"]
			if !ok {
				t.Fatalf("row has no call_type field: %v", row)
			}
			if got != c.want {
				t.Errorf("call_type = %q, want %q", got, c.want)
			}
		})
	}

	t.Run("csv columns unchanged", func(t *testing.T) {
		recs, err := csv.NewReader(strings.NewReader(string(st["b/"+SummaryCSV]))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		want := "call,rep,account,date,duration_seconds,flags,worst_severity,trustworthiness,top_quote,status,reason"
		if got := strings.Join(recs[0], ","); got != want {
			t.Errorf("header = %s, want %s", got, want)
		}
		for _, rec := range recs[1:] {
			if len(rec) != len(recs[0]) {
				t.Errorf("record %q has %d fields, want %d", rec, len(rec), len(recs[0]))
			}
			for _, f := range rec {
				if f == analyze.CallDemo || f == analyze.CallFollowUp || f == analyze.CallClosing {
					t.Errorf("record %q carries a call type", rec)
				}
			}
		}
	})

	t.Run("kept by summary.json", func(t *testing.T) {
		loaded, rebuilt, err := LoadSummary(ctx, st, "b")
		if err != nil {
			t.Fatal(err)
		}
		if rebuilt {
			t.Fatal("LoadSummary rebuilt a current summary")
		}
		for _, row := range loaded.Rows {
			if want := byCall[row.Call]["call_type"]; row.CallType != want {
				t.Errorf("%s: call type %q after loading, want %q", row.Call, row.CallType, want)
			}
		}
	})

	t.Run("index page shows them", func(t *testing.T) {
		page := string(st["b/"+IndexHTML])
		for _, want := range []string{">Demo</td>", ">Follow-up</td>", ">Unknown stage</td>", ">Closing</td>", ">Not given</td>"} {
			if !strings.Contains(page, want) {
				t.Errorf("index.html lacks %q", want)
			}
		}
	})
}
