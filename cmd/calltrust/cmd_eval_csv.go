package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/calltrust/calltrust/analyze"
	"github.com/calltrust/calltrust/worker"
)

// expectedFlagsColumn is the column a manager adds to a batch's
// summary.csv to label it: flag kinds separated by ";", empty for none.
const expectedFlagsColumn = "expected_flags"

// maxEvalReportBytes caps one call report read back from a batch.
const maxEvalReportBytes = 256 << 20

// addReadStoreFlags registers the S3 settings a command that only reads
// needs: where the server is and how to address it, not encryption.
func addReadStoreFlags(fs *flag.FlagSet) *worker.StoreOptions {
	o := &worker.StoreOptions{}
	fs.StringVar(&o.Endpoint, "endpoint", "", "S3-compatible server URL for an s3:// summary.csv, e.g. http://127.0.0.1:9000 (empty: AWS S3)")
	fs.BoolVar(&o.PathStyle, "path-style", false, "put the bucket in the URL path, as most S3-compatible servers need")
	fs.StringVar(&o.Region, "region", "", "AWS region, overriding AWS_REGION and the profile's region")
	return o
}

// csvRow is one labelled row of a summary.csv.
type csvRow struct {
	call, status, reason string
	expected             []analyze.Kind
}

// readSummaryCalls reads a batch's summary.csv (a path or an s3:// URL)
// and the call reports beside it. Rows without an expected_flags cell
// are not scored; their number is returned. A failed row is a call not
// read, with the batch's reason.
func readSummaryCalls(ctx context.Context, labels string, opts worker.StoreOptions) ([]analyze.LabelledCall, int, error) {
	dir, name := splitLabels(labels)
	st, err := worker.OpenStore(ctx, dir, opts)
	if err != nil {
		return nil, 0, &exitError{code: 2, err: err}
	}
	data, err := st.Get(ctx, name, maxEvalReportBytes)
	if err != nil {
		return nil, 0, &exitError{code: 2, err: fmt.Errorf("read %s: %w", labels, err)}
	}
	rows, unlabelled, err := parseSummaryCSV(labels, data)
	if err != nil {
		return nil, 0, &exitError{code: 2, err: err}
	}
	out := make([]analyze.LabelledCall, len(rows))
	parallel(len(rows), func(i int) {
		r := rows[i]
		out[i].Label = rowLabel(r)
		if r.status != worker.RowReported {
			out[i].Err = fmt.Sprintf("the batch lists it as %s: %s", r.status, r.reason)
			return
		}
		rep, err := readReport(ctx, st, r.call+".json")
		if err != nil {
			out[i].Err = err.Error()
			return
		}
		out[i].Report = rep
	})
	return out, unlabelled, nil
}

// splitLabels splits a labels path or s3:// URL into the folder (a Store
// URL) and the object's name in it.
func splitLabels(labels string) (dir, name string) {
	if strings.HasPrefix(labels, "s3://") {
		i := strings.LastIndex(labels, "/")
		return labels[:i+1], labels[i+1:]
	}
	return filepath.Dir(labels), filepath.Base(labels)
}

// readReport reads one call's JSON report from the batch's folder.
func readReport(ctx context.Context, st worker.Store, key string) (*analyze.Report, error) {
	data, err := st.Get(ctx, key, maxEvalReportBytes)
	if err != nil {
		return nil, fmt.Errorf("read report %s: %w", key, err)
	}
	var r analyze.Report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("read report %s: %w", key, err)
	}
	if r.SchemaVersion != analyze.SchemaVersion {
		return nil, fmt.Errorf("read report %s: schema_version %d, want %d", key, r.SchemaVersion, analyze.SchemaVersion)
	}
	return &r, nil
}

// rowLabel is a summary row's label: the expected flags, every other
// flag not expected.
func rowLabel(r csvRow) analyze.Label {
	l := analyze.Label{File: r.call, Flags: r.expected, NotFlags: []analyze.Kind{}}
	for _, k := range analyze.Kinds {
		found := false
		for _, x := range r.expected {
			found = found || x == k
		}
		if !found {
			l.NotFlags = append(l.NotFlags, k)
		}
	}
	return l
}

// parseSummaryCSV reads the rows of a summary.csv that carry an
// expected_flags cell, and counts those that do not. Columns are found by
// their header, so a spreadsheet may reorder them or add its own.
func parseSummaryCSV(name string, data []byte) ([]csvRow, int, error) {
	rd := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	rd.FieldsPerRecord = -1
	head, err := rd.Read()
	if errors.Is(err, io.EOF) {
		return nil, 0, fmt.Errorf("read %s as CSV: empty file", name)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("read %s as CSV: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, want := range []string{"call", "status", expectedFlagsColumn} {
		if _, ok := col[want]; !ok {
			return nil, 0, fmt.Errorf("%s: line 1: no %q column (a batch's summary.csv with an %s column added: flag kinds separated by \";\")", name, want, expectedFlagsColumn)
		}
	}
	cell := func(rec []string, c string) (string, bool) {
		i, ok := col[c]
		if !ok || i >= len(rec) {
			return "", false
		}
		return strings.TrimSpace(rec[i]), true
	}
	var rows []csvRow
	unlabelled := 0
	for {
		rec, err := rd.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, 0, fmt.Errorf("read %s as CSV: %w", name, err)
		}
		line, _ := rd.FieldPos(0)
		call, _ := cell(rec, "call")
		if call == "" {
			continue
		}
		exp, ok := cell(rec, expectedFlagsColumn)
		if !ok {
			unlabelled++
			continue
		}
		kinds, err := parseExpected(exp)
		if err != nil {
			return nil, 0, fmt.Errorf("%s: line %d (call %s): %s: %w", name, line, call, expectedFlagsColumn, err)
		}
		status, _ := cell(rec, "status")
		reason, _ := cell(rec, "reason")
		rows = append(rows, csvRow{call: call, status: status, reason: reason, expected: kinds})
	}
	return rows, unlabelled, nil
}

// parseExpected reads an expected_flags cell: kinds separated by ";".
// A kind copied from the flags column keeps its ":severity", which is
// dropped.
func parseExpected(cell string) ([]analyze.Kind, error) {
	out := []analyze.Kind{}
	for _, part := range strings.Split(cell, ";") {
		part, _, _ = strings.Cut(strings.TrimSpace(part), ":")
		if part == "" {
			continue
		}
		k := analyze.Kind(part)
		known := false
		for _, x := range analyze.Kinds {
			known = known || x == k
		}
		if !known {
			return nil, fmt.Errorf("%q is not a flag", part)
		}
		out = append(out, k)
	}
	return out, nil
}
