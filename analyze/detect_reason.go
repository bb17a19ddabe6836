package analyze

import (
	"fmt"

	"github.com/calltrust/calltrust/lexicons"
)

// opening returns the indexes of the seller's opening turns: the first
// few seller turns, and every seller turn that starts within the opening's
// time (on an untimed call, within the words that take that long to say).
func opening(c *Call, turns []turn) []int {
	var out []int
	before := 0 // words said before turn i: the clock of an untimed call
	for i := range turns {
		t := &turns[i]
		early := !startsAfter(c, t, before, openingSeconds, openingWords)
		before += t.nwords
		if t.Role != Seller {
			continue
		}
		if len(out) < openingSellerTurns || early {
			out = append(out, i)
			continue
		}
		break
	}
	return out
}

// startsAfter reports whether turn t starts later into the call than
// seconds: by its time on a timed call, and on an untimed one by the
// words said before it (before), of which words take that long to say.
func startsAfter(c *Call, t *turn, before int, seconds float64, words int) bool {
	if c.Timed {
		return t.Start > seconds
	}
	return before > words
}

// purposeTurn returns the index of the seller's first turn after the
// opening that speaks of the call's purpose (a reason, an agenda, or one
// of the openings that stand in for a reason), when small talk filled
// the opening and pushed it there, within the reach of an opening; else
// -1. Pleasantries are small talk, not a word on the purpose.
func purposeTurn(c *Call, turns []turn, open []int) int {
	for _, i := range open {
		if speaksOfPurpose(&turns[i]) {
			return -1
		}
	}
	before := 0
	for i := range turns {
		t := &turns[i]
		if startsAfter(c, t, before, openingReachSeconds, openingReachWords) {
			break
		}
		before += t.nwords
		if t.Role == Seller && i > open[len(open)-1] && speaksOfPurpose(t) {
			return i
		}
	}
	return -1
}

// speaksOfPurpose reports whether a turn says what the call is for, well
// or badly.
func speaksOfPurpose(t *turn) bool {
	if len(t.hits(lexicons.BusinessReason)) > 0 || len(t.hits(lexicons.Agenda)) > 0 {
		return true
	}
	for _, h := range t.hits(lexicons.WeakOpening) {
		if h.Entry.ID != pleasantriesEntry {
			return true
		}
	}
	return false
}

// Entries of the weak_opening concern the detector treats apart: small
// talk, which is not a word on the call's purpose, and asking the buyer
// why they came, which is discovery when the buyer asked for the call.
const (
	pleasantriesEntry        = "pleasantries"
	buyerSuppliesReasonEntry = "buyer-supplies-reason"
)

// buyerAsked reports whether the buyer asked for the call: its stage
// says so (inbound, a booked meeting), the sidecar holds an agreed
// agenda, or the buyer says so early in the call.
func buyerAsked(c *Call, turns []turn, st stage) bool {
	if st.askedFor() || c.Meta.Agenda != "" {
		return true
	}
	seen := 0
	for i := range turns {
		if turns[i].Role != Customer {
			continue
		}
		if len(turns[i].hits(lexicons.Inbound)) > 0 {
			return true
		}
		if seen++; seen >= 3 {
			break
		}
	}
	return false
}

// reasonNotApplicable says why no_business_reason cannot be judged on
// this call, or "". The business reason belongs to a first contact the
// seller starts: a follow-up, a demo or a closing call had its reason set
// before it began, and a transcript that starts mid-call has no opening.
func reasonNotApplicable(c *Call, open []int, st stage) string {
	if st.openingMissing != "" {
		return st.openingMissing
	}
	if st.setBefore() {
		why := fmt.Sprintf("a %s call (%s): its reason was set before the call", callTypeWords[st.callType], st.source)
		if st.evidence != nil {
			why += fmt.Sprintf(": %q", st.evidence.Quote)
		}
		return why
	}
	if len(open) == 0 {
		return "the seller says nothing in the transcript's opening"
	}
	return ""
}

// callTypeWords names call types in a sentence.
var callTypeWords = map[string]string{
	CallCold: "cold", CallDiscovery: "discovery", CallDemo: "demo", CallFollowUp: "follow-up",
	CallClosing: "closing", CallInbound: "inbound", CallPractice: "practice", CallUnknown: "unknown",
}

// detectReason raises no_business_reason when the seller's opening gives
// no reason in the buyer's terms. On a call the buyer asked for, stating
// the agenda is enough, and asking the buyer what brought them is
// discovery. When small talk fills the opening, the seller's first word
// on the call's purpose within three minutes is judged with it. The flag
// needs evidence a manager would accept: what the opening offered instead
// of a reason (checking in, the seller's news, small talk into the
// product), or, on a cold call the seller plainly started, an opening
// with no reason at all. It returns the flag,
// or why the flag does not apply.
func detectReason(c *Call, turns []turn, st stage) (*Flag, string) {
	open := opening(c, turns)
	if why := reasonNotApplicable(c, open, st); why != "" {
		return nil, why
	}
	asked := buyerAsked(c, turns, st)
	// A call that opens with "just checking in" has stated its reason: a
	// real one found only later in the time window does not rescue it.
	if first := &turns[open[0]]; len(first.hits(lexicons.WeakOpening)) > 0 && len(first.hits(lexicons.BusinessReason)) == 0 && len(open) > openingSellerTurns {
		open = open[:openingSellerTurns]
	}
	if i := purposeTurn(c, turns, open); i >= 0 {
		open = append(open, i)
	}
	var weak []Evidence
	for _, i := range open {
		t := &turns[i]
		if len(t.hits(lexicons.BusinessReason)) > 0 {
			return nil, ""
		}
		if asked && len(t.hits(lexicons.Agenda)) > 0 {
			return nil, ""
		}
		for _, h := range t.hits(lexicons.WeakOpening) {
			if asked && h.Entry.ID == buyerSuppliesReasonEntry {
				continue
			}
			weak = append(weak, t.evidence(h, h.Entry.Why, c.Timed))
		}
	}
	f := &Flag{Kind: NoBusinessReason, Score: 0.65, Severity: Medium,
		Summary: "The seller's opening gives no reason for the call in the buyer's terms (no trend, nothing noticed about the buyer, no referral, no agreed agenda)."}
	if len(weak) > 0 {
		f.Score, f.Severity = 0.85, High
		f.Evidence = weak
		if len(f.Evidence) > maxEvidence {
			f.Evidence = f.Evidence[:maxEvidence]
		}
		return f, ""
	}
	if st.callType != CallCold && st.callType != CallPractice {
		return nil, ""
	}
	t := &turns[open[0]]
	f.Evidence = []Evidence{{Turn: t.index, Speaker: t.Speaker, Start: t.start(c.Timed), Quote: t.firstSentence(),
		Matched: "", Why: "the seller's opening of a cold call, with no business reason in it or in the next seller turns"}}
	return f, ""
}
