package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/calltrust/calltrust/analyze"
	"github.com/calltrust/calltrust/queue"
	"github.com/calltrust/calltrust/worker/pages"
	segjson "github.com/segmentio/encoding/json"
)

// maxReportBytes caps a report read back for the summary.
const maxReportBytes = 256 << 20

// readers is how many reports the summary reads at once.
const readers = 8

// Summarize builds a batch's summary from the bookkeeping and the reports
// it reads back, writes the summary files, records that it did, and
// returns the summary.
func (h *Handler) Summarize(ctx context.Context, batch string) (*Summary, error) {
	info, err := h.Book.Info(ctx, batch)
	if err != nil {
		return nil, err
	}
	outcomes, err := h.Book.Outcomes(ctx, batch)
	if err != nil {
		return nil, err
	}
	reports, err := h.Stores.Open(ctx, info.Reports)
	if err != nil {
		return nil, err
	}
	s, err := BuildSummary(ctx, reports, Summary{Batch: batch, Source: info.Source, Skipped: info.Skipped}, outcomes)
	if err != nil {
		return nil, err
	}
	if err := WriteSummary(ctx, reports, s); err != nil {
		return nil, err
	}
	// The trends are a view of the summaries: a failed update is logged
	// and mended by the next batch, never a reason to redo this one.
	if _, err := UpdateTrends(ctx, reports, h.TrendBatches); err != nil {
		h.Log.Warn().Err(err).Str("batch", batch).Msg("trends update failed")
	}
	if err := h.Book.SetSummarized(ctx, batch, s.Reported+s.Failed); err != nil {
		return nil, err
	}
	return s, nil
}

// BuildSummary builds the summary of a batch: head gives its ID, source
// and skipped count; outcomes say how each call stands. Reported calls'
// rows come from their JSON reports in the reports store; a report that is
// missing makes its call a failure.
func BuildSummary(ctx context.Context, reports Store, head Summary, outcomes []queue.Outcome) (*Summary, error) {
	s := head
	s.Calls, s.Reported, s.Failed, s.Pending, s.Flagged = len(outcomes), 0, 0, 0, 0
	s.FlaggedByKind = map[analyze.Kind]int{}
	s.Rows, s.Failures, s.Warnings, s.LexiconsVersions = []Row{}, []Failure{}, []string{}, []string{}

	var done []queue.Outcome
	for _, o := range outcomes {
		switch o.Status {
		case queue.StatusDone:
			done = append(done, o)
		case queue.StatusFailed:
			addFailure(&s, o.Call, o.Key, o.Reason)
		default:
			s.Pending++
		}
	}
	rows, versions, err := readRows(ctx, reports, s.Batch, done)
	if err != nil {
		return nil, err
	}
	for i, r := range rows {
		if r.Status == RowFailed {
			addFailure(&s, r.Call, done[i].Key, r.Reason)
			continue
		}
		s.Reported++
		if len(r.Flags) > 0 {
			s.Flagged++
		}
		seen := map[analyze.Kind]bool{}
		for _, f := range r.Flags {
			if !seen[f.Kind] {
				seen[f.Kind] = true
				s.FlaggedByKind[f.Kind]++
			}
		}
		s.Rows = append(s.Rows, r)
	}
	for v := range versions {
		s.LexiconsVersions = append(s.LexiconsVersions, v)
	}
	sort.Strings(s.LexiconsVersions)
	if len(s.LexiconsVersions) > 1 {
		s.Warnings = append(s.Warnings, fmt.Sprintf("reports were made with %d lexicon sets (%s): workers ran different --lexicons", len(s.LexiconsVersions), strings.Join(s.LexiconsVersions, ", ")))
	}
	if s.Pending > 0 {
		s.Warnings = append(s.Warnings, fmt.Sprintf("%d calls are still pending: this summary is partial", s.Pending))
	}
	pages.SortRows(s.Rows)
	sort.Slice(s.Failures, func(i, j int) bool { return s.Failures[i].Call < s.Failures[j].Call })
	return &s, nil
}

// addFailure lists a call as failed, in the failures and the rows.
func addFailure(s *Summary, call, key, reason string) {
	s.Failed++
	s.Failures = append(s.Failures, Failure{Call: call, Key: key, Reason: reason})
	s.Rows = append(s.Rows, Row{Call: call, Flags: []RowFlag{}, Status: RowFailed, Reason: reason})
}

// reportHead is the part of a report the summary reads.
type reportHead struct {
	Call            analyze.CallInfo `json:"call"`
	LexiconsVersion string           `json:"lexicons_version"`
	Flags           []analyze.Flag   `json:"flags"`
	Trust           struct {
		Trustworthiness float64 `json:"trustworthiness"`
	} `json:"trust"`
}

// readRows reads the reports of done calls, a few at once, into rows in
// the same order, and collects the lexicon versions seen.
func readRows(ctx context.Context, reports Store, batch string, done []queue.Outcome) ([]Row, map[string]bool, error) {
	rows := make([]Row, len(done))
	vers := make([]string, len(done))
	errs := make([]error, len(done))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(readers, len(done)) {
		wg.Go(func() {
			for i := range next {
				rows[i], vers[i], errs[i] = readRow(ctx, reports, batch, done[i].Call)
			}
		})
	}
	for i := range done {
		next <- i
	}
	close(next)
	wg.Wait()
	versions := map[string]bool{}
	for i := range done {
		if errs[i] != nil {
			return nil, nil, errs[i]
		}
		if vers[i] != "" {
			versions[vers[i]] = true
		}
	}
	return rows, versions, nil
}

// readRow reads one call's report into its row.
func readRow(ctx context.Context, reports Store, batch, call string) (Row, string, error) {
	key := reportKey(batch, call) + ".json"
	data, err := reports.Get(ctx, key, maxReportBytes)
	if errors.Is(err, ErrNotFound) {
		return Row{Call: call, Flags: []RowFlag{}, Status: RowFailed, Reason: "report " + key + " is missing from the reports store"}, "", nil
	}
	if err != nil {
		return Row{}, "", fmt.Errorf("summary: read %s: %w", key, err)
	}
	var r reportHead
	if err := decodeHead(data, &r); err != nil {
		return Row{Call: call, Flags: []RowFlag{}, Status: RowFailed, Reason: fmt.Sprintf("report %s does not decode: %v", key, err)}, "", nil
	}
	return summaryRow(call, &r), r.LexiconsVersion, nil
}

// decodeHead reads the head of a stored report. segmentio's decoder skips
// the parts a summary does not read about six times as fast as
// encoding/json, which reads a report again when it fails, so that the
// reason a summary lists is encoding/json's.
func decodeHead(data []byte, r *reportHead) error {
	if segjson.Unmarshal(data, r) == nil {
		return nil
	}
	*r = reportHead{}
	return json.Unmarshal(data, r)
}

// summaryRow makes the summary row of a reported call.
func summaryRow(call string, r *reportHead) Row {
	row := Row{
		Call: call, Rep: r.Call.Rep, Account: r.Call.Account, Date: r.Call.Date, CallType: r.Call.CallType,
		DurationSeconds: r.Call.DurationSeconds, Flags: []RowFlag{},
		Trustworthiness: r.Trust.Trustworthiness, Status: RowReported,
		ReportJSON: call + ".json", ReportHTML: call + ".html",
	}
	var top *analyze.Flag
	for i := range r.Flags {
		f := &r.Flags[i]
		row.Flags = append(row.Flags, RowFlag{Kind: f.Kind, Severity: f.Severity})
		if f.Severity.Rank() > row.WorstSeverity.Rank() {
			row.WorstSeverity = f.Severity
		}
		if len(f.Evidence) > 0 && (top == nil || f.Severity.Rank() > top.Severity.Rank() ||
			f.Severity.Rank() == top.Severity.Rank() && f.Score > top.Score) {
			top = f
		}
	}
	if top != nil {
		row.TopQuote = pages.Clip(top.Evidence[0].Quote, 300)
	}
	return row
}

// WriteSummary writes a summary's files into <reports>/<batch>/:
// summary.json, summary.csv, failures.json and index.html. Each file is
// made and written before the next, so that a large batch holds one of
// them in memory at a time beside its rows.
func WriteSummary(ctx context.Context, reports Store, s *Summary) error {
	files := []struct {
		name, ctype string
		make        func() ([]byte, error)
	}{
		{SummaryJSON, "application/json", func() ([]byte, error) { return indentJSON("summary", s) }},
		{SummaryCSV, "text/csv; charset=utf-8", func() ([]byte, error) { return pages.SummaryCSVBytes(s), nil }},
		{FailuresJSON, "application/json", func() ([]byte, error) { return indentJSON("failures", s.Failures) }},
		{IndexHTML, "text/html; charset=utf-8", func() ([]byte, error) { return pages.IndexPage(s) }},
	}
	for _, f := range files {
		data, err := f.make()
		if err != nil {
			return fmt.Errorf("write summary %s: %w", f.name, err)
		}
		if err := reports.Put(ctx, s.Batch+"/"+f.name, data, f.ctype); err != nil {
			return fmt.Errorf("write summary %s: %w", f.name, err)
		}
	}
	return nil
}

// LoadSummary returns a batch's summary from the reports store alone:
// summary.json when it lists every report in the batch's folder, else a
// summary rebuilt from the reports there and failures.json (rebuilt is
// then true).
func LoadSummary(ctx context.Context, reports Store, batch string) (s *Summary, rebuilt bool, err error) {
	prefix := batch + "/"
	listed := map[string]bool{}
	err = reports.List(ctx, prefix, func(o Object) error {
		rel := strings.TrimPrefix(o.Key, prefix)
		if rel == SummaryJSON || rel == FailuresJSON || !strings.HasSuffix(rel, ".json") {
			return nil
		}
		listed[strings.TrimSuffix(rel, ".json")] = true
		return nil
	})
	if err != nil {
		return nil, false, fmt.Errorf("list reports of batch %s: %w", batch, err)
	}
	var old Summary
	hasOld, err := getJSON(ctx, reports, prefix+SummaryJSON, &old)
	if err != nil {
		return nil, false, err
	}
	if hasOld && sameCalls(old.Rows, listed) {
		return &old, false, nil
	}
	var fails []Failure
	hasFails, err := getJSON(ctx, reports, prefix+FailuresJSON, &fails)
	if err != nil {
		return nil, false, err
	}
	if !hasOld && !hasFails && len(listed) == 0 {
		return nil, false, fmt.Errorf("batch %s: no reports and no summary in the reports store", batch)
	}
	var outcomes []queue.Outcome
	for call := range listed {
		outcomes = append(outcomes, queue.Outcome{Call: call, Key: call, Status: queue.StatusDone})
	}
	for _, f := range fails {
		if !listed[f.Call] {
			outcomes = append(outcomes, queue.Outcome{Call: f.Call, Key: f.Key, Status: queue.StatusFailed, Reason: f.Reason})
		}
	}
	head := Summary{Batch: batch}
	if hasOld {
		head.Source, head.Skipped = old.Source, old.Skipped
	}
	s, err = BuildSummary(ctx, reports, head, outcomes)
	return s, true, err
}

// sameCalls reports whether a summary's reported rows are exactly the
// listed reports.
func sameCalls(rows []Row, listed map[string]bool) bool {
	n := 0
	for _, r := range rows {
		if r.Status != RowReported {
			continue
		}
		if !listed[r.Call] {
			return false
		}
		n++
	}
	return n == len(listed)
}

// getJSON reads a JSON object from the store into v; false when absent.
func getJSON(ctx context.Context, st Store, key string, v any) (bool, error) {
	data, err := st.Get(ctx, key, maxReportBytes)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read %s: %w", key, err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return false, fmt.Errorf("read %s: %w", key, err)
	}
	return true, nil
}
