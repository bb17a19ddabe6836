package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/calltrust/calltrust/analyze"
)

// writeEval prints an evaluation for a person: the per-flag table, what
// the figures mean, every disagreement, the calls not read and the
// verdict.
func writeEval(w io.Writer, res *evalResult) error {
	var b strings.Builder
	ev := &res.Evaluation
	fmt.Fprintf(&b, "%s: %d labelled calls, %d read, %d not read", res.Labels, ev.Calls, ev.Read, len(ev.Unread))
	if res.Unlabelled > 0 {
		rows := "rows"
		if res.Unlabelled == 1 {
			rows = "row"
		}
		fmt.Fprintf(&b, " (%d %s without an %s cell not scored)", res.Unlabelled, rows, expectedFlagsColumn)
	}
	b.WriteString("\n")
	switch len(ev.LexiconsVersions) {
	case 0:
	case 1:
		fmt.Fprintf(&b, "lexicons %s\n", ev.LexiconsVersions[0])
	default:
		fmt.Fprintf(&b, "warning: the reports were made with %d lexicon sets (%s): the figures mix them\n", len(ev.LexiconsVersions), strings.Join(ev.LexiconsVersions, ", "))
	}
	b.WriteString("\n")
	writeEvalTable(&b, ev)
	b.WriteString("\nprecision: of the calls a flag fired on, the share labelled with it; recall: of the\n" +
		"calls labelled with it, the share it fired on. [low, high] is the 90% Wilson score\n" +
		"interval: on this few calls the true figure is likely anywhere inside it, so compare\n" +
		"two lexicon sets by their intervals, not their points. calls: calls scored for the\n" +
		"flag; undecided (in neither flags nor not_flags) and n/a (the report says the flag\n" +
		"cannot apply) are not scored. A labelled flag on a call not read counts as missed.\n")
	if len(ev.Disagreements) > 0 {
		fmt.Fprintf(&b, "\ndisagreements (%d):\n", len(ev.Disagreements))
		for _, d := range ev.Disagreements {
			writeDisagreement(&b, d)
		}
	} else {
		b.WriteString("\nno disagreements\n")
	}
	if len(ev.Unread) > 0 {
		fmt.Fprintf(&b, "\ncalls not read (%d; their labelled flags count as missed):\n", len(ev.Unread))
		for _, u := range ev.Unread {
			fmt.Fprintf(&b, "  %s: %s\n", u.Call, u.Error)
		}
	}
	if res.Passed {
		fmt.Fprintf(&b, "\npassed: every flag meets precision >= %.2f and recall >= %.2f, every call read, no trap quoted\n", res.MinPrecision, res.MinRecall)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeEvalTable prints one row per flag.
func writeEvalTable(w io.Writer, ev *analyze.Evaluation) {
	const row = "%-20s %5s %5s %5s %9s %14s %6s %14s %9s %4s\n"
	fmt.Fprintf(w, row, "flag", "calls", "pos", "fired", "precision", "90% interval", "recall", "90% interval", "undecided", "n/a")
	for _, s := range ev.Flags {
		p, pi := estimateCells(s.Precision)
		r, ri := estimateCells(s.Recall)
		fmt.Fprintf(w, row, s.Kind, itoa(s.Calls), itoa(s.Positives), itoa(s.Fired), p, pi, r, ri, itoa(s.Undecided), itoa(s.LeftOut))
	}
	for _, s := range ev.Flags {
		if s.MissedUnread > 0 {
			fmt.Fprintf(w, "%s: %d of %d missed on calls not read\n", s.Kind, s.MissedUnread, s.Missed)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// estimateCells formats an estimate and its interval, "-" when there is
// nothing to estimate.
func estimateCells(e *analyze.Estimate) (string, string) {
	if e == nil {
		return "-", "-"
	}
	return fmt.Sprintf("%.2f", e.Value), fmt.Sprintf("[%.2f, %.2f]", e.Low, e.High)
}

// writeDisagreement prints one disagreement on one line, and the quote
// that fired or the evidence that was missed below it.
func writeDisagreement(b *strings.Builder, d analyze.Disagreement) {
	switch d.What {
	case analyze.FalsePositive:
		fmt.Fprintf(b, "  %s: false positive %s\n", d.Call, d.Flag)
	case analyze.TrapQuoted:
		fmt.Fprintf(b, "  %s: trap quoted as %s evidence\n", d.Call, d.Flag)
	default:
		if d.NotRead {
			fmt.Fprintf(b, "  %s: missed %s (call not read)\n", d.Call, d.Flag)
		} else {
			fmt.Fprintf(b, "  %s: missed %s\n", d.Call, d.Flag)
		}
	}
	if e := d.Fired; e != nil {
		at := fmt.Sprintf("turn %d", e.Turn+1)
		if e.Start != nil {
			at += " at " + analyze.Clock(*e.Start)
		}
		fmt.Fprintf(b, "      fired on %s, %s: %s", at, e.Speaker, quoteLine(e.Quote, 160))
		if e.Matched != "" {
			fmt.Fprintf(b, " (matched %q)", e.Matched)
		}
		b.WriteString("\n")
	}
	if d.Trap != "" {
		fmt.Fprintf(b, "      labelled trap: %s\n", quoteLine(d.Trap, 160))
	}
	if d.What == analyze.Missed {
		if d.Evidence != "" {
			fmt.Fprintf(b, "      labelled evidence: %s\n", quoteLine(d.Evidence, 160))
		} else {
			b.WriteString("      (the label gives no evidence)\n")
		}
	}
}
