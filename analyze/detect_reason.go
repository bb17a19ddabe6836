package analyze

import (
	"github.com/calltrust/calltrust/lexicons"
)

// opening returns the indexes of the seller's opening turns: the first
// few seller turns, and on a timed call every seller turn in the first
// two minutes.
func opening(c *Call, turns []turn) []int {
	var out []int
	for i := range turns {
		t := &turns[i]
		if t.Role != Seller {
			continue
		}
		if len(out) < openingSellerTurns || (c.Timed && t.Start <= openingSeconds) {
			out = append(out, i)
			continue
		}
		break
	}
	return out
}

// buyerAsked reports whether the buyer asked for the call: a sidecar
// saying inbound or follow_up, an agreed agenda in the sidecar, or the
// buyer saying so early in the call.
func buyerAsked(c *Call, turns []turn) bool {
	switch c.Meta.CallType {
	case CallInbound, CallFollowUp:
		return true
	}
	if c.Meta.Agenda != "" {
		return true
	}
	seen := 0
	for i := range turns {
		if turns[i].Role == Seller {
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

// detectReason raises no_business_reason when the seller's opening gives
// no reason in the buyer's terms. On a call the buyer asked for, stating
// the agenda is enough.
func detectReason(c *Call, turns []turn) *Flag {
	open := opening(c, turns)
	if len(open) == 0 {
		return nil
	}
	asked := buyerAsked(c, turns)
	// A call that opens with "just checking in" has stated its reason: a
	// real one found only later in the time window does not rescue it.
	if first := &turns[open[0]]; len(first.hits(lexicons.WeakOpening)) > 0 && len(first.hits(lexicons.BusinessReason)) == 0 && len(open) > openingSellerTurns {
		open = open[:openingSellerTurns]
	}
	var weak []Evidence
	for _, i := range open {
		t := &turns[i]
		if len(t.hits(lexicons.BusinessReason)) > 0 {
			return nil
		}
		if asked && len(t.hits(lexicons.Agenda)) > 0 {
			return nil
		}
		for _, h := range t.hits(lexicons.WeakOpening) {
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
		return f
	}
	t := &turns[open[0]]
	f.Evidence = []Evidence{{Turn: t.index, Speaker: t.Speaker, Start: t.start(c.Timed), Quote: t.firstSentence(),
		Matched: "", Why: "the seller's opening, with no business reason in it or in the next seller turns"}}
	return f
}
