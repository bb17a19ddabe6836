package analyze

import (
	"fmt"

	"github.com/calltrust/calltrust/lexicons"
)

// objection is a customer stall, concern or alternative and whether the
// seller's next turns took it up.
type objection struct {
	t       *turn
	m       lexicons.Match
	kind    string // stall, concern or competitor
	handled bool
}

// objections finds the customer's stalls, concerns and alternatives and
// checks the next seller turns: a stall must be probed (asking what is
// behind it, who else decides, what would need to be true); a concern
// acknowledged or probed; an alternative explored with a question.
func objections(turns []turn) []objection {
	var out []objection
	for i := range turns {
		t := &turns[i]
		if t.Role != Customer {
			continue // the seller's words, or speech on neither side
		}
		for _, concern := range []string{lexicons.Stall, lexicons.ConcernPhrase, lexicons.Competitor} {
			for _, m := range t.hits(concern) {
				if resolvedIn(t, m) {
					continue // "that addresses my concern" names no new concern
				}
				out = append(out, objection{t: t, m: m, kind: concern, handled: takenUp(turns, i, m, concern)})
			}
		}
	}
	return out
}

// takenUp reports whether one of the next seller turns takes up the
// customer's words at turn at: a probe from the lexicon always does; an
// open question that is not about scheduling explores it too; a concern
// may also be acknowledged.
//
// The buyer may also settle it: a concern the buyer then calls answered
// ("okay, that addresses my concern") was raised and handled, and an
// alternative or a concern the buyer asks about ("could we do it
// in-house?", "how confident are you in those numbers?") is taken up by a
// seller who answers it.
func takenUp(turns []turn, at int, m lexicons.Match, concern string) bool {
	// The buyer's turn asks it: "What about data security? Our clients
	// are particular about that."
	asked := turns[at].asksOutright()
	// A concern or an alternative the buyer names in answer to the
	// seller's objection-surfacing question ("what would stop this?",
	// "how do they compare?") was surfaced by the seller: the opposite of
	// an objection left unraised.
	if concern != lexicons.Stall && at > 0 && turns[at-1].Role == Seller && len(turns[at-1].hits(lexicons.Probe)) > 0 {
		return true
	}
	seen := 0
	for j := at + 1; j < len(turns) && seen < probeWindow; j++ {
		s := &turns[j]
		if s.Role != Seller {
			if s.Role == Customer && len(s.hits(lexicons.Resolved)) > 0 {
				return true
			}
			continue
		}
		seen++
		if len(s.hits(lexicons.Probe)) > 0 {
			return true
		}
		if concern == lexicons.Competitor {
			if exploring(s, alternativeWords(turns[at].words[m.Start:m.End])) {
				return true
			}
		} else if exploringQuestion(s) {
			return true
		}
		if concern == lexicons.ConcernPhrase && len(s.hits(lexicons.Acknowledge)) > 0 {
			return true
		}
		// A concern or an alternative the buyer puts as a question ("what
		// if we don't hit those numbers?") is taken up by a seller who
		// answers it; a stall is not ("can you send me something?").
		if concern != lexicons.Stall && asked && seen == 1 && s.nwords >= answeredQuestionWords {
			return true
		}
	}
	return false
}

// backReferences are the words a question uses to point back at an
// alternative the buyer named ("what did you like about them?", "what
// was missing from the others?", "why did you stop using it?").
var backReferences = []string{"them", "they", "those", "that", "it", "its", "other", "others", "else", "current",
	"existing", "tried", "looked", "using", "use", "vendor", "vendors", "solution", "solutions", "tool", "tools",
	"agency", "agencies", "provider", "providers", "switch", "switching", "compare", "comparing", "instead", "alternative"}

// alternativeWords are the words that refer back to an alternative: the
// buyer's own words for it and backReferences.
func alternativeWords(named []string) map[string]bool {
	out := map[string]bool{}
	for _, w := range backReferences {
		out[w] = true
	}
	for _, w := range named {
		if !lexicons.IsPunct(w) && len(w) > 3 {
			out[w] = true
		}
	}
	return out
}

// refersTo reports whether any of words is in set.
func refersTo(words []string, set map[string]bool) bool {
	for _, w := range words {
		if set[w] {
			return true
		}
	}
	return false
}

// tagWords end a statement with a question mark ("it is expensive for
// us, right?"): the speaker asserts, they do not ask.
var tagWords = map[string]bool{"right": true, "yeah": true, "no": true, "eh": true, "huh": true, "ok": true, "okay": true, "correct": true, "yes": true}

// asksOutright reports whether the turn asks a question that is not a
// statement with a tag on it.
func (t *turn) asksOutright() bool {
	for _, s := range t.sentences {
		if !s.question {
			continue
		}
		last := s.end - 2 // the word before the "?"
		for last > s.start && lexicons.IsPunct(t.words[last]) {
			last--
		}
		if last >= s.start && !tagWords[t.words[last]] {
			return true
		}
	}
	return false
}

// resolvedIn reports whether the sentence holding a customer's concern
// words says the concern was answered.
func resolvedIn(t *turn, m lexicons.Match) bool {
	s := t.sentenceOf(m.Start)
	_, ok := t.hitWithin(lexicons.Resolved, s.start, s.end)
	return ok
}

// logistics words mark a question about booking or sending, not about
// the buyer ("what time works?", "what's the best email?").
var logistics = map[string]bool{"time": true, "times": true, "day": true, "date": true, "calendar": true, "diary": true, "slot": true,
	"email": true, "e-mail": true, "address": true, "number": true, "phone": true, "send": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "week": true,
	"meeting": true, "meet": true, "follow": true, "call": true}

// pastMarkers before a logistics word make it about the buyer's past
// ("last time", "first call"), not a booking.
var pastMarkers = map[string]bool{"last": true, "first": true, "previous": true, "that": true}

// exploringQuestion reports whether a seller turn asks an open question
// that is not about booking the next step.
func exploringQuestion(t *turn) bool { return exploring(t, nil) }

// exploring reports whether a seller turn asks an open question that is
// not about booking the next step and, when about is given, refers back
// to it: an alternative is explored by a question about it ("what did
// the other tools miss?"), not by the next question on the seller's list.
func exploring(t *turn, about map[string]bool) bool {
	for _, q := range t.sentences {
		if !q.open || t.asksPermission(q) {
			continue // "what if I gave you a discount?" offers, it does not ask
		}
		if about != nil && !refersTo(t.words[q.start:q.end], about) {
			continue
		}
		booking := false
		for i, w := range t.words[q.start:q.end] {
			// "the last time you changed a system" asks about the buyer,
			// "what time works?" books.
			if logistics[w] && !(i > 0 && pastMarkers[t.words[q.start+i-1]]) {
				booking = true
				break
			}
		}
		if _, ok := t.hitWithin(lexicons.NextStep, q.start, q.end); ok {
			booking = true
		}
		if !booking {
			return true
		}
	}
	return false
}

var objectionWhy = map[string]string{
	lexicons.Stall:         "the customer stalled and the seller's next turns did not probe what is behind it",
	lexicons.ConcernPhrase: "the customer voiced a concern and the seller moved on without acknowledging or exploring it",
	lexicons.Competitor:    "the customer named an alternative and the seller did not explore it",
}

// detectObjection raises unraised_objection when a stall, concern or
// alternative goes unexplored, or when a substantive call passes with no
// pushback at all and no objection-surfacing question.
func detectObjection(c *Call, turns []turn, m *Metrics) *Flag {
	obs := objections(turns)
	var open []objection
	for _, o := range obs {
		if o.kind == lexicons.Stall {
			m.Stalls++
			if o.handled {
				m.StallsProbed++
			}
		} else {
			m.CustomerPushback++
		}
		if !o.handled {
			open = append(open, o)
		}
	}
	f := &Flag{Kind: UnraisedObjection}
	for _, o := range open {
		if len(f.Evidence) < maxEvidence {
			f.Evidence = append(f.Evidence, o.t.evidence(o.m, objectionWhy[o.kind], c.Timed))
		}
	}
	if len(open) > 0 {
		f.Score = round2(min(1, 0.6+0.1*float64(len(open)-1)))
		f.Severity = severityOf(f.Score)
		f.Summary = fmt.Sprintf("%d customer stall%s, concern%s or alternative%s went unexplored.", len(open), plural(len(open)), plural(len(open)), plural(len(open)))
		return f
	}
	substantive := m.SellerWords+m.CustomerWords >= substantiveWords || m.Turns >= substantiveTurns
	if substantive && len(obs) == 0 && m.SurfacingQuestions == 0 {
		f.Score, f.Severity = 0.6, Medium
		f.Summary = "The customer never pushed back and the seller never asked a question that would surface an objection."
		for i := len(turns) - 1; i >= 0; i-- {
			if turns[i].Role == Customer {
				t := &turns[i]
				f.Evidence = []Evidence{{Turn: t.index, Speaker: t.Speaker, Start: t.start(c.Timed), Quote: t.firstSentence(),
					Why: "the customer's last words: no pushback all call, and no objection-surfacing question from the seller"}}
				break
			}
		}
		return f
	}
	return nil
}
