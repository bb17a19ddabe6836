package analyze

import (
	"fmt"
	"io"
	"strings"
)

// FlagMeaning says in one sentence what each flag means.
var FlagMeaning = map[Kind]string{
	SelfOrientedPitch: "The seller made the call about the seller: their company, product and story, not the buyer's problem.",
	NoBusinessReason:  "The seller's opening gave no reason, in the buyer's terms, why the call is worth the buyer's time.",
	Overpromise:       "The seller committed to outcomes they cannot be sure of, the largest single destroyer of trust.",
	UnraisedObjection: "The buyer's real objections stayed hidden: stalls and concerns went unexplored, or nobody asked.",
}

// Clock formats seconds as M:SS or H:MM:SS.
func Clock(sec float64) string {
	s := int(sec + 0.5)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// WriteText prints a report for a person to read in a terminal.
func WriteText(w io.Writer, r *Report) error {
	var b strings.Builder
	c := r.Call
	fmt.Fprintf(&b, "%s (%s)\n", c.ID, c.Format)
	var meta []string
	for _, kv := range [][2]string{{"rep", c.Rep}, {"account", c.Account}, {"date", c.Date}, {"type", c.CallType}} {
		if kv[1] != "" {
			meta = append(meta, kv[0]+" "+kv[1])
		}
	}
	if c.DurationSeconds != nil {
		meta = append(meta, "length "+Clock(*c.DurationSeconds))
	}
	if len(meta) > 0 {
		fmt.Fprintf(&b, "  %s\n", strings.Join(meta, ", "))
	}
	switch {
	case c.CallTypeSource == StageFromInferred && c.CallTypeConfidence != nil:
		fmt.Fprintf(&b, "  call type inferred (confidence %.2f) from %q\n", *c.CallTypeConfidence, c.CallTypeQuote)
	case c.CallTypeSource == StageFromInferred && c.CallType == CallUnknown:
		b.WriteString("  call type unknown: nothing in the first turns says\n")
	case c.CallTypeSource != "":
		fmt.Fprintf(&b, "  call type from the %s\n", c.CallTypeSource)
	}
	if c.Skipped != nil {
		fmt.Fprintf(&b, "  %s\n", c.Skipped.Note)
	}
	fmt.Fprintf(&b, "  seller side: %s; customer side: %s (%s, confidence %.2f)\n",
		strings.Join(r.Roles.Seller, ", "), strings.Join(r.Roles.Customer, ", "), r.Roles.Source, r.Roles.Confidence)
	for _, w := range r.Roles.Warnings {
		fmt.Fprintf(&b, "  warning: %s\n", w)
	}
	if len(r.Flags) == 0 {
		b.WriteString("\nNo flags.\n")
	}
	for _, f := range r.Flags {
		fmt.Fprintf(&b, "\n%s [%s, score %.2f]\n  %s\n", strings.ToUpper(string(f.Kind)), f.Severity, f.Score, f.Summary)
		for _, e := range f.Evidence {
			writeEvidence(&b, e.Speaker, e.Start, e.Quote, e.Matched, e.Why)
		}
	}
	for i, k := range r.NotApplicable {
		fmt.Fprintf(&b, "\n%s: not applicable", strings.ToUpper(string(k)))
		if i < len(r.NotApplicableReasons) && r.NotApplicableReasons[i].Kind == k {
			fmt.Fprintf(&b, ": %s", r.NotApplicableReasons[i].Reason)
		}
		b.WriteString("\n")
	}
	if len(r.Excused) > 0 {
		b.WriteString("\nConsidered and excused:\n")
		for _, e := range r.Excused {
			writeEvidence(&b, e.Speaker, e.Start, e.Quote, e.Matched, e.Reason)
		}
	}
	m := r.Metrics
	fmt.Fprintf(&b, "\nMetrics\n  seller talk share %.0f%% (%d of %d words)\n", m.TalkShare*100, m.SellerWords, m.SellerWords+m.CustomerWords)
	if m.LongestMonologueSeconds != nil {
		fmt.Fprintf(&b, "  longest seller monologue %s (%d words)", Clock(*m.LongestMonologueSeconds), m.LongestMonologueWords)
	} else {
		fmt.Fprintf(&b, "  longest seller monologue %d words", m.LongestMonologueWords)
	}
	if m.MonologueRequested {
		b.WriteString(", asked for by the customer")
	}
	fmt.Fprintf(&b, "\n  seller questions %d (%d open)", m.SellerQuestions, m.OpenQuestions)
	if m.QuestionsPer10Min != nil {
		fmt.Fprintf(&b, ", %.1f per 10 minutes", *m.QuestionsPer10Min)
	}
	fmt.Fprintf(&b, "\n  self references %d, customer references %d, pitch phrases %d\n", m.SelfReferences, m.CustomerReferences, m.PitchPhrases)
	fmt.Fprintf(&b, "  customer pushback %d, stalls %d (%d probed), objection-surfacing questions %d\n", m.CustomerPushback, m.Stalls, m.StallsProbed, m.SurfacingQuestions)
	t := r.Trust
	fmt.Fprintf(&b, "\nTrust = (credibility %.1f + reliability %.1f + intimacy %.1f) / self-orientation %.1f = %.2f\n",
		t.Credibility.Score, t.Reliability.Score, t.Intimacy.Score, t.SelfOrientation.Score, t.Trustworthiness)
	fmt.Fprintf(&b, "\nlexicons %s\n", r.LexiconsVersion)
	_, err := io.WriteString(w, b.String())
	return err
}

func writeEvidence(b *strings.Builder, speaker string, start *float64, quote, matched, why string) {
	at := ""
	if start != nil {
		at = " " + Clock(*start)
	}
	fmt.Fprintf(b, "  - %s%s: %q\n", speaker, at, quote)
	if matched != "" {
		fmt.Fprintf(b, "      matched %q: %s\n", matched, why)
	} else {
		fmt.Fprintf(b, "      %s\n", why)
	}
}
