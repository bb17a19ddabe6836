package analyze

import (
	"fmt"
	"strings"

	"github.com/calltrust/calltrust/lexicons"
)

// pitchScore weighs the self-orientation signals into a 0..1 score and
// says what moved it.
//
// A practice pitch is one speaker by nature, so its talk share and
// monologue say nothing; only its words and questions count.
func pitchScore(c *Call, m Metrics, practice bool) (float64, []string) {
	var score float64
	var why []string
	add := func(part, weight float64, format string, args ...any) {
		if part > 0 {
			score += part * weight
			why = append(why, fmt.Sprintf(format, args...))
		}
	}
	if total := m.SellerWords + m.CustomerWords; !practice && total > 0 {
		// Talk the buyer asked for counts half: a seller who answers
		// question after question is not pitching, but a buyer's question
		// can open a pitch too.
		share := (float64(m.SellerWords) - answeredTalkDiscount*float64(m.AnsweringWords)) / float64(total)
		add(ramp(share, talkShareStarts, talkShareFull), talkShareWeight, "seller talk share %.0f%% (%d words answering the buyer's questions)", m.TalkShare*100, m.AnsweringWords)
	}
	if !m.MonologueRequested && !practice && !curious(c, m) {
		if m.LongestMonologueSeconds != nil {
			add(ramp(*m.LongestMonologueSeconds, monologueSecondsStarts, monologueSecondsFull), monologueWeight, "unrequested monologue of %.0f s", *m.LongestMonologueSeconds)
		} else {
			add(ramp(float64(m.LongestMonologueWords), monologueWordsStarts, monologueWordsFull), monologueWeight, "unrequested monologue of %d words", m.LongestMonologueWords)
		}
	}
	if refs := m.SelfReferences + m.CustomerReferences; refs >= 10 {
		r := float64(m.SelfReferences) / float64(refs)
		add(ramp(r, selfRatioStarts, selfRatioFull), selfRatioWeight, "%d self references against %d to the customer", m.SelfReferences, m.CustomerReferences)
	}
	add(ramp(float64(m.PitchPhrases), 0, pitchFull), pitchWeight, "%d pitch phrases", m.PitchPhrases)
	add(ramp(float64(m.SellerStory), 0, storyFull), storyWeight, "%d passages of the seller's own story", m.SellerStory)
	if d := c.Duration(); d > 0 {
		per := float64(m.DiscoveryQuestions) / (d / 600)
		add(ramp(per, questionsPer10MinFull, 0), questionWeight, "%.1f questions about the buyer per 10 minutes", per)
	} else if m.SellerWords > 0 {
		per := float64(m.DiscoveryQuestions) / (float64(m.SellerWords) / 1000)
		add(ramp(per, questionsPer1000WordsFull, 0), questionWeight, "%d questions about the buyer in %d seller words", m.DiscoveryQuestions, m.SellerWords)
	}
	if m.OpenQuestions > 0 {
		credit := ramp(float64(m.OpenQuestions), 0, openQuestionsCredit) * discoveryCredit
		score -= credit
	}
	if score < 0 {
		score = 0
	}
	return round2(score), why
}

// detectPitch raises self_oriented_pitch when the weighted signals pass
// the threshold. A long answer the customer asked for is not counted.
func detectPitch(c *Call, turns []turn, m Metrics, practice bool) (*Flag, float64) {
	score, why := pitchScore(c, m, practice)
	if score < pitchFires || m.SellerWords < pitchMinSellerWords {
		return nil, score
	}
	f := &Flag{Kind: SelfOrientedPitch, Score: score, Severity: severityOf(score),
		Summary: "The seller made the call about the seller: " + strings.Join(why, ", ") + "."}
	if i := m.LongestMonologueTurn; i >= 0 && !m.MonologueRequested && m.LongestMonologueWords >= monologueWordsStarts {
		t := &turns[i]
		f.Evidence = append(f.Evidence, Evidence{Turn: i, Speaker: t.Speaker, Start: t.start(c.Timed),
			Quote: t.firstSentence(), Matched: fmt.Sprintf("%d-word monologue", m.LongestMonologueWords),
			Why: "the longest seller monologue, not asked for by the customer"})
	}
	for i := range turns {
		t := &turns[i]
		if t.Role != Seller {
			continue
		}
		for _, concern := range []string{lexicons.SellerStory, lexicons.Pitch} {
			for _, h := range t.hits(concern) {
				if len(f.Evidence) < maxEvidence {
					f.Evidence = append(f.Evidence, t.evidence(h, h.Entry.Why, c.Timed))
				}
			}
		}
	}
	if len(f.Evidence) == 0 && m.LongestMonologueTurn >= 0 {
		t := &turns[m.LongestMonologueTurn]
		f.Evidence = append(f.Evidence, Evidence{Turn: t.index, Speaker: t.Speaker, Start: t.start(c.Timed),
			Quote: t.firstSentence(), Why: "the seller's longest stretch of talk"})
	}
	return f, score
}

// curious reports whether the seller asks about the buyer often enough
// that a long explanation reads as part of a conversation, not a pitch:
// at least curiousPer10Min questions about the buyer per ten minutes
// (curiousPer1000Words per thousand seller words without times).
func curious(c *Call, m Metrics) bool {
	if d := c.Duration(); d > 0 {
		return float64(m.DiscoveryQuestions)/(d/600) >= curiousPer10Min
	}
	return m.SellerWords > 0 && float64(m.DiscoveryQuestions)/(float64(m.SellerWords)/1000) >= curiousPer1000Words
}
