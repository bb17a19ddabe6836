package analyze

import (
	"math"

	"github.com/calltrust/calltrust/lexicons"
)

// evidence is what the words of a unit's speakers say about their side.
type evidence struct {
	// cues weighs the words only one side says: the seller introduces
	// themselves with their company, speaks of the offer as theirs
	// ("our platform", "let me show you"), gives a reason for the call or
	// an agenda, pitches, and asks what would stop the deal; the buyer
	// asks what it costs, speaks of their budget and their boss, stalls,
	// and says they asked for the call.
	cues float64
	// answered counts the buyer's questions about the offer or its price
	// that the unit answered: the one asked is the one who sells.
	answered float64
	// you and self weigh the unit's references to the other side ("you",
	// "your team") and to its own ("we", "our", "I"). A seller's work is
	// the buyer's situation; a buyer speaks of theirs.
	you, self float64
}

// sideCue is one concern's words as evidence of a side: weight per hit,
// positive for the seller.
type sideCue struct {
	concern string
	weight  float64
}

// sideCues are the concerns whose words only one side says.
var sideCues = []sideCue{
	{lexicons.SellerCue, 1}, {lexicons.Pitch, 0.5}, {lexicons.BusinessReason, 0.5},
	{lexicons.Agenda, 0.5}, {lexicons.Probe, 1},
	{lexicons.CustomerCue, -1}, {lexicons.Stall, -1}, {lexicons.Inbound, -1},
}

// gather weighs the evidence of every unit's speakers and scores it. A
// phrase said again adds less each time (its hits count as their square
// root): one person's habit is one piece of evidence. A sales call is
// about the offer, so the company it names is the one that sells: every
// time a speaker, on either side, says the name of a unit's company, the
// unit gains seller evidence (counted per speaker, as a phrase is). An introduction
// ("this is Dana from ...") counts in full in the speaker's opening turns
// and a third after them, where buyers say "the company I'm with" too.
func gather(units []*unit, turns []turn) {
	of := map[string]*unit{}
	for _, u := range units {
		for _, m := range u.members {
			of[m] = u
		}
	}
	type said struct {
		u      *unit
		phrase string
	}
	sums, counts := map[said]float64{}, map[said]float64{}
	spoke := map[string]int{}
	for i := range turns {
		t := &turns[i]
		u := of[t.Speaker]
		if u == nil {
			continue
		}
		spoke[t.Speaker]++
		opening := spoke[t.Speaker] <= roleOpeningTurns
		for _, c := range sideCues {
			for _, m := range t.hits(c.concern) {
				w := c.weight * m.Entry.Weight
				if m.Entry.ID == "introduction" && !opening {
					w /= 3
				}
				k := said{u, c.concern + " " + t.matched(m)}
				sums[k] += w
				counts[k]++
			}
		}
		for _, v := range units {
			if n := nameMentions(t.Text, v.company); n > 0 {
				k := said{v, "name of the company by " + t.Speaker}
				sums[k] += roleNamedWeight * float64(n)
				counts[k] += float64(n)
			}
		}
		u.ev.you += t.weight(lexicons.CustomerReference)
		u.ev.self += t.weight(lexicons.SelfReference)
		if i == 0 {
			// Sellers open most calls.
			u.ev.cues += roleOpenerNudge
		}
		if buyerQuestion(t) {
			for j := i + 1; j < len(turns); j++ {
				if a := of[turns[j].Speaker]; a != nil && a != u {
					a.ev.answered++
					break
				}
			}
		}
	}
	for k, sum := range sums {
		k.u.ev.cues += sum / math.Sqrt(counts[k])
	}
	mid, n := 0.0, 0.0
	for _, u := range units {
		if refs := u.ev.you + u.ev.self; refs > 0 {
			mid += u.ev.you / refs
			n++
		}
	}
	if n > 0 {
		mid /= n
	}
	for _, u := range units {
		u.score = u.ev.score(mid)
	}
}

// score is the evidence as one number: positive says seller, negative
// buyer. The references count by how far the unit's share of "you"
// among them lies from mid, the middle of every unit's share in the
// call, in standard errors of that share (a share over many references
// says more than over few), capped: a habit of speech must not outweigh
// what a speaker says about the deal.
func (e evidence) score(mid float64) float64 {
	s := e.cues + roleAnsweredWeight*e.answered
	if n := e.you + e.self; n > 0 {
		z := (e.you/n - mid) * math.Sqrt(n) / 0.5
		s += roleYouWeight * math.Max(-roleYouCap, math.Min(roleYouCap, z))
	}
	return s
}

// buyerQuestion reports whether a turn asks about the offer the way a
// buyer does: a question holding a buyer's cue ("what does it cost",
// "does it integrate").
func buyerQuestion(t *turn) bool {
	for _, m := range t.hits(lexicons.CustomerCue) {
		if t.sentenceOf(m.Start).question {
			return true
		}
	}
	return false
}
