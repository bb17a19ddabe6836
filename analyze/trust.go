package analyze

import (
	"math"

	"github.com/calltrust/calltrust/lexicons"
)

// termBuilder moves a trust term from neutral with capped contributions
// and keeps the evidence that moved it.
type termBuilder struct {
	score float64
	ev    []Evidence
}

func (b *termBuilder) add(delta float64, e Evidence) {
	b.score += delta
	if len(b.ev) < maxEvidence {
		b.ev = append(b.ev, e)
	}
}

func (b *termBuilder) term() Term {
	ev := b.ev
	if ev == nil {
		ev = []Evidence{}
	}
	return Term{Score: round2(math.Max(termMin, math.Min(termMax, b.score))), Evidence: ev}
}

// seller-side phrases that raise a term, with the step per phrase and the
// cap on what they add together.
type lift struct {
	concern  string
	role     Role
	step     float64
	cap      float64
	negative bool
}

var (
	credibilityLifts = []lift{{lexicons.HonestLimit, Seller, 1, 3, false}, {lexicons.Specific, Seller, 0.5, 2, false}}
	reliabilityLifts = []lift{{lexicons.NextStep, Seller, 1, 4, false}}
	intimacyLifts    = []lift{{lexicons.ConcernPhrase, Customer, 0.5, 2, false}, {lexicons.Acknowledge, Seller, 1, 2, false}}
)

func applyLifts(b *termBuilder, c *Call, turns []turn, lifts []lift) {
	for _, l := range lifts {
		added := 0.0
		for i := range turns {
			t := &turns[i]
			if t.Role != l.role {
				continue
			}
			for _, h := range t.hits(l.concern) {
				if added+l.step > l.cap {
					break
				}
				added += l.step
				b.add(l.step, t.evidence(h, h.Entry.Why, c.Timed))
			}
		}
	}
}

// trust estimates the four terms of the trust equation.
func trust(c *Call, turns []turn, m Metrics, ps []promise, pitch float64) Trust {
	cred := termBuilder{score: termNeutral}
	applyLifts(&cred, c, turns, credibilityLifts)
	broken := 0
	for _, p := range ps {
		if p.reason == "" && p.t.Role == Seller && broken < 4 {
			broken++
			cred.add(-1.5, p.t.evidence(p.m, "an overpromise costs credibility", c.Timed))
		}
	}
	rel := termBuilder{score: termNeutral - 1}
	applyLifts(&rel, c, turns, reliabilityLifts)
	intim := termBuilder{score: termNeutral - 1}
	applyLifts(&intim, c, turns, intimacyLifts)
	if total := m.SellerWords + m.CustomerWords; total > 0 && float64(m.CustomerWords)/float64(total) >= 0.35 {
		intim.score++
	}
	// Self-orientation starts from the seller's share of the talk (half
	// of it counts) and adds the pitch score, so a balanced call sits near
	// 3 and a pitch near 10.
	selfShare := math.Min(1, selfTalkWeight*m.TalkShare+pitch)
	self := Term{Score: round2(termMin + (termMax-termMin)*selfShare), Evidence: []Evidence{}}
	t := Trust{Credibility: cred.term(), Reliability: rel.term(), Intimacy: intim.term(), SelfOrientation: self}
	t.Trustworthiness = round2((t.Credibility.Score + t.Reliability.Score + t.Intimacy.Score) / t.SelfOrientation.Score)
	return t
}
