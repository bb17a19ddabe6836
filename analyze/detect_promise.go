package analyze

import (
	"fmt"
	"slices"

	"github.com/calltrust/calltrust/lexicons"
)

// promise is one overpromise candidate and, if let go, why.
type promise struct {
	t      *turn
	m      lexicons.Match
	reason string // "" when it stands
}

// promises finds every overpromise candidate in the call and judges it.
func promises(turns []turn) []promise {
	var out []promise
	for i := range turns {
		t := &turns[i]
		for _, m := range t.hits(lexicons.Overpromise) {
			p := promise{t: t, m: m}
			switch t.Role {
			case Customer:
				p.reason = "the customer's own words"
			case Unknown:
				p.reason = "words of a speaker on neither side"
			default:
				p.reason = excuse(t, m)
			}
			out = append(out, p)
		}
	}
	return out
}

// excuse returns why a seller's promise is not an overpromise, or "".
func excuse(t *turn, m lexicons.Match) string {
	s := t.sentenceOf(m.Start)
	for _, o := range t.matches {
		if o.Entry.Concern == lexicons.NonPromise && o.Start < m.End && m.Start < o.End {
			return "not a promise: " + o.Entry.Why + fmt.Sprintf(" (%q)", t.matched(o))
		}
	}
	if s.question {
		return "a question, not a promise"
	}
	if !m.Entry.IgnoreNegation {
		if n, ok := negated(t, m); ok {
			return fmt.Sprintf("negation: %q before it in the same clause (an honest limit)", n)
		}
	}
	for _, c := range []struct{ concern, label string }{
		{lexicons.Contractual, "contractual term"},
		{lexicons.Condition, "conditions stated"},
	} {
		if o, ok := t.hitWithin(c.concern, s.start, s.end); ok {
			return fmt.Sprintf("%s: %q in the same sentence", c.label, t.matched(o))
		}
	}
	cs, ce := clause(t, m)
	for _, o := range t.hits(lexicons.Hedge) {
		if o.Start >= cs && o.End <= ce && (o.End <= m.Start || o.Start >= m.End) {
			return fmt.Sprintf("hedge: %q in the same clause", t.matched(o))
		}
		// A speaker who corrects the claim right after it ("it works every
		// time, almost every time") has hedged it.
		if o.Start >= m.End && o.End <= s.end && o.Start-m.End <= hedgeAfterWords {
			return fmt.Sprintf("hedge: %q right after it in the same sentence", t.matched(o))
		}
	}
	if o, ok := t.hitWithin(lexicons.Opinion, m.End, s.end); ok {
		return fmt.Sprintf("an opinion about an option, not an outcome: %q in the same sentence", t.matched(o))
	}
	if agreement(t, s, m) {
		return "agreement: the words stand alone as a yes, with no claim in the sentence"
	}
	return ""
}

// agreeWords may stand beside a certainty word in a sentence that only
// agrees ("Yeah, 100%.", "Oh yes, absolutely, a hundred percent.").
var agreeWords = map[string]bool{"yeah": true, "yes": true, "yep": true, "oh": true, "ok": true, "okay": true, "a": true,
	"absolutely": true, "totally": true, "definitely": true, "sure": true, "right": true, "no": true, "doubt": true, "of": true, "course": true}

// agreement reports whether the match's sentence says nothing but the
// match and words of agreement: a yes said strongly promises nothing.
func agreement(t *turn, s sentence, m lexicons.Match) bool {
	for i := s.start; i < s.end; i++ {
		if i >= m.Start && i < m.End {
			continue
		}
		w := t.words[i]
		if !lexicons.IsPunct(w) && !agreeWords[w] && !slices.Contains(t.words[m.Start:m.End], w) {
			return false // a word that is not agreement, nor the match said again
		}
	}
	return true
}

// clauseBreaks end a clause: punctuation and the conjunctions that start
// a new claim.
var clauseBreaks = map[string]bool{".": true, "?": true, "!": true, ",": true, ";": true, ":": true, "but": true, "and": true, "so": true, "because": true, "though": true, "although": true}

// clause returns the word span of the clause holding a match.
func clause(t *turn, m lexicons.Match) (int, int) {
	start := m.Start
	for start > 0 && !clauseBreaks[t.words[start-1]] {
		start--
	}
	end := m.End
	for end < len(t.words) && !clauseBreaks[t.words[end]] {
		end++
	}
	return start, end
}

// negated reports a negation standing before the match in its clause,
// within negationWindow words.
func negated(t *turn, m lexicons.Match) (string, bool) {
	cs, _ := clause(t, m)
	from := max(cs, m.Start-negationWindow)
	if o, ok := t.hitWithin(lexicons.Negation, from, m.Start); ok {
		return t.matched(o), true
	}
	return "", false
}

// detectPromise raises overpromise for every seller promise that no
// negation, hedge, contract term, stated condition or non-promise excuses;
// the rest go to the excused list.
func detectPromise(c *Call, ps []promise) (*Flag, []Excuse) {
	var f *Flag
	excused := []Excuse{}
	n := 0
	for _, p := range ps {
		if p.reason != "" {
			if len(excused) >= maxExcused {
				continue
			}
			excused = append(excused, Excuse{Kind: Overpromise, Turn: p.t.index, Speaker: p.t.Speaker, Start: p.t.start(c.Timed),
				Quote: p.t.quote(p.m), Matched: p.t.matched(p.m), Reason: p.reason})
			continue
		}
		n++
		if f == nil {
			f = &Flag{Kind: Overpromise}
		}
		if len(f.Evidence) < maxEvidence {
			f.Evidence = append(f.Evidence, p.t.evidence(p.m, p.m.Entry.Why+"; no negation, hedge, contract term or condition excuses it", c.Timed))
		}
	}
	if f != nil {
		f.Score = round2(min(1, 0.6+0.1*float64(n-1)))
		f.Severity = severityOf(f.Score)
		f.Summary = fmt.Sprintf("The seller committed to outcomes they cannot be sure of (%d time%s).", n, plural(n))
	}
	return f, excused
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
