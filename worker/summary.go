package worker

import "github.com/calltrust/calltrust/analyze"

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
