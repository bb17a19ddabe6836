package pages

import (
	"testing"

	"github.com/calltrust/calltrust/analyze"
)

func TestSortRowsWorstFirst(t *testing.T) {
	flags := func(sev ...analyze.Severity) []RowFlag {
		var out []RowFlag
		for _, s := range sev {
			out = append(out, RowFlag{Kind: analyze.Overpromise, Severity: s})
		}
		return out
	}
	rows := []Row{
		{Call: "clean", Status: RowReported, Trustworthiness: 9},
		{Call: "failed", Status: RowFailed},
		{Call: "low", Status: RowReported, Flags: flags(analyze.Low), WorstSeverity: analyze.Low, Trustworthiness: 1},
		{Call: "high-one", Status: RowReported, Flags: flags(analyze.High), WorstSeverity: analyze.High, Trustworthiness: 5},
		{Call: "high-two", Status: RowReported, Flags: flags(analyze.High, analyze.Low), WorstSeverity: analyze.High, Trustworthiness: 8},
		{Call: "high-one-less-trust", Status: RowReported, Flags: flags(analyze.High), WorstSeverity: analyze.High, Trustworthiness: 2},
		{Call: "clean-less-trust", Status: RowReported, Trustworthiness: 3},
	}
	SortRows(rows)
	want := []string{"high-two", "high-one-less-trust", "high-one", "low", "clean-less-trust", "clean", "failed"}
	for i, r := range rows {
		if r.Call != want[i] {
			t.Errorf("row %d = %s, want %s", i, r.Call, want[i])
		}
	}
}
