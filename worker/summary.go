package worker

import "github.com/calltrust/calltrust/worker/pages"

// The summary's types and files are the pages package's; these names keep
// the worker's callers as they were.
type (
	// Summary is a batch's outcome; see pages.Summary.
	Summary = pages.Summary
	// Row is one call of a batch; see pages.Row.
	Row = pages.Row
	// RowFlag is one flag of a row; see pages.RowFlag.
	RowFlag = pages.RowFlag
	// Failure is a call that ended without a report; see pages.Failure.
	Failure = pages.Failure
)

// The files of a batch summary, in <reports>/<batch>/.
const (
	SummaryJSON  = pages.SummaryJSON
	SummaryCSV   = pages.SummaryCSV
	IndexHTML    = pages.IndexHTML
	FailuresJSON = pages.FailuresJSON
)

// Row statuses.
const (
	RowReported = pages.RowReported
	RowFailed   = pages.RowFailed
)

// CSVHeader is the header of summary.csv.
var CSVHeader = pages.CSVHeader
