package main

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/calltrust/calltrust/queue"
	"github.com/calltrust/calltrust/worker"
	"github.com/calltrust/calltrust/worker/pages"
)

func runReport(e *env, args []string) error {
	fs := newFlags(e, "report", "", "Print a batch's flagged calls worst first, read from the reports store alone (no Redis).")
	batch := fs.String("batch", "", "batch ID (required)")
	reports := fs.String("reports", "", "where the batch's reports are: s3://bucket/prefix/ or a folder (required)")
	csvFile := fs.String("csv", "", "also write summary.csv to this file (- for stdout)")
	all := fs.Bool("all", false, "list every call, not only the flagged ones")
	trends := fs.Bool("trends", false, "print the per-rep trends across the last --trend-batches batches instead of one batch")
	trendBatches := fs.Int("trend-batches", pages.DefaultTrendBatches, "how many of the latest batches --trends covers")
	storeOpts := addStoreFlags(fs)
	pos, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usageErr("report takes no arguments, got %q", pos)
	}
	if *reports == "" {
		return usageErr("--reports is required")
	}
	if *trends {
		return reportTrends(e, *reports, *storeOpts, *trendBatches)
	}
	if err := queue.CheckBatchID(*batch); err != nil {
		return usageErr("--batch: %v", err)
	}
	ctx, stop := signalContext()
	defer stop()
	st, err := worker.OpenStore(ctx, *reports, *storeOpts)
	if err != nil {
		return err
	}
	s, rebuilt, err := worker.LoadSummary(ctx, st, *batch)
	if err != nil {
		return err
	}
	if *csvFile == "-" {
		_, err := e.stdout.Write(pages.SummaryCSVBytes(s))
		return err
	}
	if *csvFile != "" {
		if err := os.WriteFile(*csvFile, pages.SummaryCSVBytes(s), 0o644); err != nil {
			return fmt.Errorf("--csv: %w", err)
		}
	}
	printReport(e, s, rebuilt, *all)
	return nil
}

// printReport prints a summary's flagged calls worst first, then its
// failures.
func printReport(e *env, s *worker.Summary, rebuilt, all bool) {
	w := e.stdout
	fmt.Fprintf(w, "batch %s: %d calls, %d reported, %d flagged, %d failed\n", s.Batch, s.Calls, s.Reported, s.Flagged, s.Failed)
	if rebuilt {
		fmt.Fprintln(w, "(summary built from the reports found; summary.json was missing or out of date)")
	}
	for _, warn := range s.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warn)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	shown := 0
	for _, r := range s.Rows {
		if r.Status != worker.RowReported || (len(r.Flags) == 0 && !all) {
			continue
		}
		if shown == 0 {
			fmt.Fprintln(tw, "\nCALL\tREP\tFLAGS\tTOP QUOTE")
		}
		shown++
		var flags []string
		for _, f := range r.Flags {
			flags = append(flags, fmt.Sprintf("%s (%s)", f.Kind, f.Severity))
		}
		if len(flags) == 0 {
			flags = []string{"-"}
		}
		rep := r.Rep
		if rep == "" {
			rep = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Call, rep, strings.Join(flags, ", "), quoteLine(r.TopQuote, 80))
	}
	tw.Flush()
	if shown == 0 {
		fmt.Fprintln(w, "no flagged calls")
	}
	if len(s.Failures) > 0 {
		fmt.Fprintln(w, "\nfailures:")
		for _, f := range s.Failures {
			fmt.Fprintf(w, "  %s: %s\n", f.Call, f.Reason)
		}
	}
}

// quoteLine fits a quote on one line of at most n runes.
func quoteLine(q string, n int) string {
	q = strings.Join(strings.Fields(q), " ")
	if q == "" {
		return ""
	}
	r := []rune(q)
	if len(r) > n {
		q = string(r[:n-1]) + "…"
	}
	return "\"" + q + "\""
}
