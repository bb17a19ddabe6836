package pages

import (
	"bytes"
	"encoding/csv"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/calltrust/calltrust/analyze"
)

// Summary is a batch's outcome: one row per call that was enqueued, each
// ending as a report or as a failure with its reason.
type Summary struct {
	Batch            string               `json:"batch"`
	Source           string               `json:"source"`
	Calls            int                  `json:"calls"`    // transcripts enqueued
	Reported         int                  `json:"reported"` // calls with a report
	Failed           int                  `json:"failed"`   // calls with a listed failure
	Pending          int                  `json:"pending"`  // neither yet (a partial summary)
	Skipped          int                  `json:"skipped"`  // listed objects that are not transcripts
	Flagged          int                  `json:"flagged"`  // reported calls with at least one flag
	FlaggedByKind    map[analyze.Kind]int `json:"flagged_by_kind"`
	LexiconsVersions []string             `json:"lexicons_versions"`
	Warnings         []string             `json:"warnings"`
	Rows             []Row                `json:"rows"` // worst first
	Failures         []Failure            `json:"failures"`
}

// Row is one call of a batch as the summary and the index page show it.
type Row struct {
	Call            string           `json:"call"`
	Rep             string           `json:"rep"`
	Account         string           `json:"account"`
	Date            string           `json:"date"`
	CallType        string           `json:"call_type"` // the report's call.call_type; not a summary.csv column
	DurationSeconds *float64         `json:"duration_seconds"`
	Flags           []RowFlag        `json:"flags"`
	WorstSeverity   analyze.Severity `json:"worst_severity"`
	Trustworthiness float64          `json:"trustworthiness"`
	TopQuote        string           `json:"top_quote"`
	Status          string           `json:"status"` // "reported" or "failed"
	Reason          string           `json:"reason"`
	ReportJSON      string           `json:"report_json"` // relative to the batch folder
	ReportHTML      string           `json:"report_html"`
}

// RowFlag is one flag of a row: its kind and severity.
type RowFlag struct {
	Kind     analyze.Kind     `json:"kind"`
	Severity analyze.Severity `json:"severity"`
}

// Failure is a call that ended without a report, and why.
type Failure struct {
	Call   string `json:"call"`
	Key    string `json:"key"`
	Reason string `json:"reason"`
}

// The files of a batch summary, in <reports>/<batch>/.
const (
	SummaryJSON  = "summary.json"
	SummaryCSV   = "summary.csv"
	IndexHTML    = "index.html"
	FailuresJSON = "failures.json"
)

// CSVHeader is the header of summary.csv.
var CSVHeader = []string{"call", "rep", "account", "date", "duration_seconds", "flags", "worst_severity", "trustworthiness", "top_quote", "status", "reason"}

// Row statuses.
const (
	RowReported = "reported"
	RowFailed   = "failed"
)

// SortRows orders rows worst first: highest severity, then most flags,
// then lowest trustworthiness; failed calls after every reported one;
// ties by call ID.
func SortRows(rows []Row) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if (a.Status == RowFailed) != (b.Status == RowFailed) {
			return b.Status == RowFailed
		}
		if ra, rb := a.WorstSeverity.Rank(), b.WorstSeverity.Rank(); ra != rb {
			return ra > rb
		}
		if len(a.Flags) != len(b.Flags) {
			return len(a.Flags) > len(b.Flags)
		}
		if a.Trustworthiness != b.Trustworthiness {
			return a.Trustworthiness < b.Trustworthiness
		}
		return a.Call < b.Call
	})
}

// SummaryCSVBytes renders a summary's rows as summary.csv.
func SummaryCSVBytes(s *Summary) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(CSVHeader)
	for _, r := range s.Rows {
		w.Write(csvRecord(r))
	}
	w.Flush()
	return buf.Bytes()
}

func csvRecord(r Row) []string {
	var flags []string
	for _, f := range r.Flags {
		flags = append(flags, string(f.Kind)+":"+string(f.Severity))
	}
	dur, trust := "", ""
	if r.DurationSeconds != nil {
		dur = strconv.FormatFloat(*r.DurationSeconds, 'f', -1, 64)
	}
	if r.Status == RowReported {
		trust = strconv.FormatFloat(r.Trustworthiness, 'f', 2, 64)
	}
	return []string{r.Call, r.Rep, r.Account, r.Date, dur, strings.Join(flags, ";"), string(r.WorstSeverity), trust, r.TopQuote, r.Status, r.Reason}
}

// Clip shortens s to at most n runes, marking the cut.
func Clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
