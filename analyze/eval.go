package analyze

import (
	"fmt"
	"slices"
	"strings"
)

// LabelledCall is one call of an evaluation: its label and the report
// calltrust made of it, or why there is none.
type LabelledCall struct {
	Label Label
	// Report is nil when the call could not be read or analyzed.
	Report *Report
	// Err says why there is no report.
	Err string
}

// Evaluation is how a set of reports agrees with its labels.
type Evaluation struct {
	Calls         int            `json:"calls"` // labelled calls
	Read          int            `json:"read"`  // calls with a report
	Flags         []FlagScore    `json:"flags"` // one per kind, in Kinds order
	Disagreements []Disagreement `json:"disagreements"`
	Unread        []Unread       `json:"unread"`
	TrapsQuoted   int            `json:"traps_quoted"`
	// LexiconsVersions lists the lexicon sets the reports were made
	// with, sorted: more than one means the figures mix two sets.
	LexiconsVersions []string `json:"lexicons_versions"`
}

// FlagScore is one flag's agreement with the labels. Calls counts the
// calls scored for it: labelled positive or negative, not left out.
// Positives = TruePositives + Missed and Fired = TruePositives +
// FalsePositives, over those calls.
type FlagScore struct {
	Kind           Kind `json:"kind"`
	Calls          int  `json:"calls"`
	Positives      int  `json:"positives"`
	Fired          int  `json:"fired"`
	TruePositives  int  `json:"true_positives"`
	FalsePositives int  `json:"false_positives"`
	Missed         int  `json:"missed"`
	// MissedUnread counts the labelled positives on calls not read,
	// which are among Missed.
	MissedUnread int `json:"missed_unread"`
	// LeftOut counts calls the labeller decided but whose report lists
	// the kind as not applicable: they are not scored.
	LeftOut int `json:"left_out"`
	// Undecided counts read calls whose label says neither yes nor no.
	Undecided int `json:"undecided"`
	// Precision and Recall are nil when nothing fired or nothing was
	// labelled positive.
	Precision *Estimate `json:"precision"`
	Recall    *Estimate `json:"recall"`
}

// What a disagreement is.
const (
	FalsePositive = "false_positive" // fired on a call labelled not to
	Missed        = "missed"         // labelled, did not fire (or the call was not read)
	TrapQuoted    = "trap_quoted"    // a trap sentence quoted as overpromise evidence
)

// Disagreement is one place the reports and the labels part.
type Disagreement struct {
	Call string `json:"call"`
	What string `json:"what"` // FalsePositive, Missed or TrapQuoted
	Flag Kind   `json:"flag"`
	// Fired is the evidence the flag quoted (false positives, traps).
	Fired *Evidence `json:"fired,omitempty"`
	// Evidence is the labelled quote a missed flag should have found,
	// "" when the label gives none.
	Evidence string `json:"evidence,omitempty"`
	// Trap is the labelled trap the quote matched.
	Trap string `json:"trap,omitempty"`
	// NotRead says the call could not be read, so its flag was missed.
	NotRead bool `json:"not_read,omitempty"`
}

// Unread is a labelled call that could not be read, and why.
type Unread struct {
	Call  string `json:"call"`
	Error string `json:"error"`
}

// Evaluate scores reports against their labels, per flag:
//   - a flag in neither the label's flags nor its not_flags is undecided
//     and not scored;
//   - a kind the report lists as not applicable is left out for that
//     call (counted in LeftOut);
//   - a labelled positive on a call that could not be read is missed: a
//     call the tool cannot read is a call it cannot flag;
//   - an overpromise quote matching one of the label's traps is listed as
//     a trap quoted; when every overpromise quote of the call is a trap,
//     the flag fired for no right reason and counts as a false positive
//     (and, on a call labelled positive, as a miss too).
//
// The result follows the order of calls.
func Evaluate(calls []LabelledCall) Evaluation {
	ev := Evaluation{Calls: len(calls), Disagreements: []Disagreement{}, Unread: []Unread{}, LexiconsVersions: []string{}}
	per := make([]FlagScore, len(Kinds))
	for i, k := range Kinds {
		per[i].Kind = k
	}
	for ci := range calls {
		c := &calls[ci]
		name := c.Label.File
		if c.Report == nil {
			ev.Unread = append(ev.Unread, Unread{Call: name, Error: c.Err})
			for i, k := range Kinds {
				if pos, ok := c.Label.decided(k); ok && pos {
					per[i].Calls++
					per[i].Positives++
					per[i].Missed++
					per[i].MissedUnread++
					ev.Disagreements = append(ev.Disagreements, Disagreement{Call: name, What: Missed, Flag: k, Evidence: firstEvidence(&c.Label, k), NotRead: true})
				}
			}
			continue
		}
		ev.Read++
		if !slices.Contains(ev.LexiconsVersions, c.Report.LexiconsVersion) {
			ev.LexiconsVersions = append(ev.LexiconsVersions, c.Report.LexiconsVersion)
		}
		traps := quotedTraps(&c.Label, c.Report)
		for _, t := range traps {
			ev.Disagreements = append(ev.Disagreements, t)
		}
		ev.TrapsQuoted += len(traps)
		for i, k := range Kinds {
			s := &per[i]
			pos, ok := c.Label.decided(k)
			if !ok {
				s.Undecided++
				continue
			}
			if notApplicable(c.Report, k) {
				s.LeftOut++
				continue
			}
			s.Calls++
			f := flagOf(c.Report, k)
			onTrapsOnly := f != nil && k == Overpromise && len(f.Evidence) > 0 && len(traps) == len(f.Evidence)
			right := f != nil && !onTrapsOnly
			if pos {
				s.Positives++
			}
			if f != nil {
				s.Fired++
			}
			switch {
			case pos && right:
				s.TruePositives++
			case pos:
				s.Missed++
				ev.Disagreements = append(ev.Disagreements, Disagreement{Call: name, What: Missed, Flag: k, Evidence: firstEvidence(&c.Label, k)})
			}
			if f != nil && (!pos || onTrapsOnly) {
				s.FalsePositives++
				if !pos && !onTrapsOnly {
					ev.Disagreements = append(ev.Disagreements, Disagreement{Call: name, What: FalsePositive, Flag: k, Fired: firstQuote(f, traps)})
				}
			}
		}
	}
	for i := range per {
		s := &per[i]
		s.Precision = Wilson(s.TruePositives, s.Fired, Z90)
		s.Recall = Wilson(s.TruePositives, s.Positives, Z90)
	}
	ev.Flags = per
	slices.Sort(ev.LexiconsVersions)
	return ev
}

// Check returns one message per threshold a flag fails, per trap quoted
// and per call not read summed up: empty means the evaluation passes. A
// figure with nothing behind it (no flag fired, no labelled positive)
// fails no threshold.
func (ev *Evaluation) Check(minPrecision, minRecall float64) []string {
	var out []string
	for _, s := range ev.Flags {
		if s.Precision != nil && s.Precision.Value < minPrecision {
			out = append(out, fmt.Sprintf("%s precision %.2f < %.2f", s.Kind, s.Precision.Value, minPrecision))
		}
		if s.Recall != nil && s.Recall.Value < minRecall {
			out = append(out, fmt.Sprintf("%s recall %.2f < %.2f", s.Kind, s.Recall.Value, minRecall))
		}
	}
	if ev.TrapsQuoted > 0 {
		out = append(out, fmt.Sprintf("%d trap%s quoted as overpromise", ev.TrapsQuoted, plural(ev.TrapsQuoted)))
	}
	if n := len(ev.Unread); n > 0 {
		out = append(out, fmt.Sprintf("%d call%s not read", n, plural(n)))
	}
	return out
}

func flagOf(r *Report, k Kind) *Flag {
	for i := range r.Flags {
		if r.Flags[i].Kind == k {
			return &r.Flags[i]
		}
	}
	return nil
}

func notApplicable(r *Report, k Kind) bool {
	for _, x := range r.NotApplicable {
		if x == k {
			return true
		}
	}
	return false
}

// firstQuote returns the first evidence of a flag that is not one of
// the traps already listed, nil when the flag quotes nothing else.
func firstQuote(f *Flag, traps []Disagreement) *Evidence {
next:
	for _, e := range f.Evidence {
		for _, t := range traps {
			if t.Fired.Turn == e.Turn && t.Fired.Quote == e.Quote {
				continue next
			}
		}
		return &e
	}
	return nil
}

func firstEvidence(l *Label, k Kind) string {
	for _, q := range l.Evidence[k] {
		if strings.TrimSpace(q) != "" {
			return q
		}
	}
	return ""
}
