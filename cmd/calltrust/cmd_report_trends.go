package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/calltrust/calltrust/worker"
	"github.com/calltrust/calltrust/worker/pages"
)

// reportTrends prints the trends of a reports store as the trends page
// has them: the batches with lexicon changes marked, the team's rate per
// flag and batch, and the reps worst movers first.
func reportTrends(e *env, reports string, opts worker.StoreOptions, n int) error {
	ctx, stop := signalContext()
	defer stop()
	st, err := worker.OpenStore(ctx, reports, opts)
	if err != nil {
		return err
	}
	t, err := worker.LoadTrends(ctx, st, nil, n)
	if err != nil {
		return err
	}
	if len(t.Batches) == 0 {
		return fmt.Errorf("no batch summaries in %s", reports)
	}
	printTrends(e, t)
	return nil
}

func printTrends(e *env, t *pages.Trends) {
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "BATCH\tDATE\tREPORTED\tLEXICONS")
	for _, b := range t.Batches {
		mark := ""
		if b.LexiconsChanged {
			mark = "  (lexicons changed)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s%s\n", b.Batch, b.Date, b.Reported, strings.Join(b.Lexicons, ","), mark)
	}
	fmt.Fprintln(tw, "\nTEAM FLAG\tRATE PER BATCH")
	for _, k := range t.Kinds {
		fmt.Fprintf(tw, "%s\t%s\n", k, rates(t.Team.Rates[k]))
	}
	fmt.Fprintln(tw, "\nREP\tCALLS\tMEDIAN TRUST\tBIGGEST RISE")
	for _, r := range t.Reps {
		rise := "-"
		if r.MoveBy != "" {
			rise = fmt.Sprintf("+%.0f%% %s", r.Move*100, r.MoveBy)
		}
		var calls, med []string
		for i, c := range r.Calls {
			calls = append(calls, fmt.Sprint(c))
			med = append(med, num1(r.Median[i]))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Rep, strings.Join(calls, " "), strings.Join(med, " "), rise)
		for _, k := range t.Kinds {
			fmt.Fprintf(tw, "  %s\t%s\n", k, rates(r.Rates[k]))
		}
	}
	tw.Flush()
}

func rates(v []*float64) string {
	out := make([]string, len(v))
	for i, r := range v {
		out[i] = "-"
		if r != nil {
			out[i] = fmt.Sprintf("%.0f%%", *r*100)
		}
	}
	return strings.Join(out, " ")
}

func num1(v *float64) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprintf("%.1f", *v)
}
