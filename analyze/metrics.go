package analyze

import (
	"math"

	"github.com/calltrust/calltrust/analyze/transcript"
	"github.com/calltrust/calltrust/lexicons"
)

// measure fills the metrics every detector reads: who talked how much,
// the longest seller monologue, questions and references.
func measure(c *Call, turns []turn) Metrics {
	m := Metrics{Turns: len(turns), LongestMonologueTurn: -1}
	for _, s := range c.Speakers() {
		if !transcript.IsUnknownSpeaker(s) {
			m.Speakers++
		}
	}
	var selfW, custW float64
	run := struct {
		first, words int
		secs         float64
	}{first: -1}
	flush := func() {
		if run.first < 0 {
			return
		}
		longer := run.words > m.LongestMonologueWords
		if c.Timed {
			longer = m.LongestMonologueSeconds == nil || run.secs > *m.LongestMonologueSeconds
		}
		if longer {
			m.LongestMonologueWords, m.LongestMonologueTurn = run.words, run.first
			m.MonologueRequested = requested(turns, run.first) || answers(turns, run.first)
			if c.Timed {
				s := math.Round(run.secs*10) / 10
				m.LongestMonologueSeconds = &s
			}
		}
		run.first, run.words, run.secs = -1, 0, 0
	}
	for i := range turns {
		t := &turns[i]
		if t.Role == Unknown {
			// Speech nobody is named for is on neither side.
			flush()
			continue
		}
		if t.Role != Seller {
			m.CustomerWords += t.nwords
			flush()
			continue
		}
		m.SellerWords += t.nwords
		pitch, story := len(t.hits(lexicons.Pitch)), len(t.hits(lexicons.SellerStory))
		m.PitchPhrases += pitch
		m.SellerStory += story
		// An answer the buyer asked for is not self-oriented talk, unless
		// the seller turns it into a pitch or their own story.
		if pitch == 0 && story == 0 && answers(turns, i) {
			m.AnsweringWords += t.nwords
		}
		if run.first < 0 {
			run.first = i
		}
		run.words += t.nwords
		run.secs += math.Max(0, t.End-t.Start)
		for _, s := range t.sentences {
			if s.question {
				m.SellerQuestions++
				if !t.asksPermission(s) {
					m.DiscoveryQuestions++
					if s.open {
						m.OpenQuestions++
					}
				}
			}
		}
		selfW += t.weight(lexicons.SelfReference)
		custW += t.weight(lexicons.CustomerReference)
		m.SurfacingQuestions += len(t.hits(lexicons.Probe))
	}
	flush()
	m.SelfReferences, m.CustomerReferences = int(math.Round(selfW)), int(math.Round(custW))
	if total := m.SellerWords + m.CustomerWords; total > 0 {
		m.TalkShare = round3(float64(m.SellerWords) / float64(total))
	}
	if d := c.Duration(); d > 0 {
		q := round3(float64(m.SellerQuestions) / (d / 600))
		m.QuestionsPer10Min = &q
	}
	return m
}

// requested reports whether the customer turn before a seller run asked
// for the explanation that follows ("can you walk me through pricing?");
// a monologue that answers the buyer's question (answers) is asked for too.
func requested(turns []turn, first int) bool {
	if first == 0 || turns[first-1].Role != Customer {
		return false
	}
	return len(turns[first-1].hits(lexicons.Request)) > 0
}

// answers reports whether a seller turn answers the buyer: the turn just
// before it is the customer's and asks a question or for an explanation.
// Talk the buyer asked for is not the seller making the call about
// themselves.
func answers(turns []turn, i int) bool {
	if i == 0 || turns[i-1].Role != Customer {
		return false
	}
	p := &turns[i-1]
	return p.hasQuestion() || len(p.hits(lexicons.Request)) > 0
}

// permissionOpeners start a question that asks leave or offers something
// ("would you be interested", "can I book", "what if I gave you") rather
// than asking about the buyer.
var permissionOpeners = [][]string{
	{"would", "you", "be", "interested"}, {"are", "you", "interested"}, {"would", "you", "like", "me"}, {"would", "you", "like", "to", "see"},
	{"do", "you", "want", "me"}, {"do", "you", "have", "a", "minute"}, {"do", "you", "have", "a", "moment"}, {"got", "a", "minute"},
	{"can", "i"}, {"could", "i"}, {"may", "i"}, {"shall", "i"}, {"should", "i"}, {"can", "we", "book"}, {"can", "we", "schedule"},
	{"what", "if", "i"}, {"what", "if", "we"}, {"how", "about"}, {"is", "it", "ok", "if"}, {"is", "it", "okay", "if"},
	{"is", "this"}, {"am", "i", "speaking"}, {"how", "are", "you"}, {"how", "is", "your", "day"}, {"how", "'s", "your", "day"},
	{"let", "me"}, {"sound", "good"}, {"sounds", "good"}, {"does", "that", "sound"}, {"make", "sense"}, {"does", "that", "make", "sense"},
}

// greetings may stand before a question that asks nothing about the buyer
// ("Hello, is this John?").
var greetings = map[string]bool{"hi": true, "hello": true, "hey": true, "morning": true, "afternoon": true, "good": true}

// asksPermission reports whether a question sentence of the turn asks
// leave, offers, checks understanding or greets, instead of asking about
// the buyer's situation.
func (t *turn) asksPermission(s sentence) bool {
	start := s.start
	for start < s.end && (fillers[t.words[start]] || greetings[t.words[start]]) {
		start++
	}
	for _, p := range permissionOpeners {
		if seqAt(t.words[:s.end], start, p) {
			return true
		}
	}
	return false
}

// ramp scores v 0 at starts, 1 at full, linearly between (either order).
func ramp(v, starts, full float64) float64 {
	x := (v - starts) / (full - starts)
	return math.Max(0, math.Min(1, x))
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }
func round2(v float64) float64 { return math.Round(v*100) / 100 }

func severityOf(score float64) Severity {
	switch {
	case score >= severityHigh:
		return High
	case score >= severityMedium:
		return Medium
	}
	return Low
}
