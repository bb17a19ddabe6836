package analyze

import (
	"strings"
	"unicode/utf8"

	"github.com/calltrust/calltrust/lexicons"
)

// turn is a Turn with its canonical words, lexicon matches and sentences,
// computed once and shared by every detector.
type turn struct {
	Turn
	index     int
	words     []string
	matches   []lexicons.Match
	sentences []sentence
	nwords    int // words that are not punctuation
	// raw are the turn's own sentences (appendRawSentences of its text),
	// and the words of raw[i] end at words[rawEnd[i]]. A turn's words are
	// tokenized sentence by sentence: prose splits text at white space
	// and treats every stretch between on its own, so the words of the
	// sentences one after the other are the words of the whole text, and
	// a quote needs no second tokenization.
	raw    []string
	rawEnd []int
}

// sentence is words[start:end] of a turn; question when it ends in "?".
type sentence struct {
	start, end int
	question   bool
	open       bool // a question starting with what/how/why/tell me ...
}

// prepare tokenizes and matches every turn once. The sentences of all
// turns are tokenized together, in one pass of prose, and the words and
// matches of all turns share two buffers, so a call costs a few
// allocations instead of a few per turn.
func prepare(c *Call, set *lexicons.Set) []turn {
	out := make([]turn, len(c.Turns))
	size := 0
	// The sentences of every turn share one slice; firsts[i] is where
	// turn i's begin.
	raws := make([]string, 0, 2*len(c.Turns))
	firsts := make([]int, len(c.Turns)+1)
	for i, t := range c.Turns {
		p := &out[i]
		p.Turn, p.index = t, i
		firsts[i] = len(raws)
		raws = appendRawSentences(raws, t.Text)
		size += len(t.Text)
	}
	firsts[len(c.Turns)] = len(raws)
	for i := range out {
		out[i].raw = raws[firsts[i]:firsts[i+1]:firsts[i+1]]
	}
	// Transcripts run about one word in 4.6 bytes of text and one
	// lexicon match in 5 to 8 words.
	words, ends := lexicons.AppendWordsEach(make([]string, 0, size/4+16), make([]int, 0, len(raws)), raws)
	matches := make([]lexicons.Match, 0, size/32+8)
	first := 0
	for i := range out {
		p := &out[i]
		p.rawEnd = make([]int, len(p.raw))
		last := first
		for j := range p.raw {
			last = ends[0]
			ends = ends[1:]
			p.rawEnd[j] = last - first
		}
		p.words = words[first:last:last]
		first = last
		if len(p.words) == 0 {
			p.words = nil
		}
		n := len(matches)
		matches = set.Find(matches, p.words)
		if len(matches) > n {
			p.matches = matches[n:len(matches):len(matches)]
		}
		p.sentences = sentences(p.words)
		for _, w := range p.words {
			if !lexicons.IsPunct(w) {
				p.nwords++
			}
		}
	}
	return out
}

var openers = map[string]bool{"what": true, "how": true, "why": true, "who": true, "which": true, "tell": true, "walk": true, "describe": true, "explain": true, "help": true, "talk": true}

var fillers = map[string]bool{"so": true, "and": true, "but": true, "okay": true, "ok": true, "well": true, "right": true, "now": true, ",": true, "great": true, "cool": true, "yeah": true, "um": true, "uh": true, "and,": true}

// sentences splits a turn's words into sentences, each ending at a word
// that ends one or at the turn's end.
func sentences(words []string) []sentence {
	if len(words) == 0 {
		return nil
	}
	n := 1
	for _, w := range words {
		if lexicons.EndsSentence(w) {
			n++
		}
	}
	out := make([]sentence, 0, n)
	start := 0
	for i, w := range words {
		if lexicons.EndsSentence(w) || i == len(words)-1 {
			end := i + 1
			if end > start && !(end-start == 1 && lexicons.IsPunct(words[start])) {
				s := sentence{start: start, end: end, question: w == "?"}
				if s.question {
					for j := start; j < end; j++ {
						if !fillers[words[j]] {
							s.open = openers[words[j]]
							break
						}
					}
				}
				out = append(out, s)
			}
			start = i + 1
		}
	}
	return out
}

// hits returns the turn's matches of one concern, dropping a match that
// lies inside a longer one of the same concern.
func (t *turn) hits(concern string) []lexicons.Match {
	n := 0
	for i := range t.matches {
		if t.matches[i].Entry.Concern == concern {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]lexicons.Match, 0, n) // one allocation: hits run for every concern of every turn
	for _, m := range t.matches {
		if m.Entry.Concern != concern {
			continue
		}
		if n := len(out); n > 0 && m.Start < out[n-1].End {
			if m.End-m.Start > out[n-1].End-out[n-1].Start {
				out[n-1] = m
			}
			continue
		}
		out = append(out, m)
	}
	return out
}

// hitWithin returns the first of the turn's matches of a concern that
// lies wholly in words[from:to].
func (t *turn) hitWithin(concern string, from, to int) (lexicons.Match, bool) {
	for _, m := range t.hits(concern) {
		if m.Start >= from && m.End <= to {
			return m, true
		}
	}
	return lexicons.Match{}, false
}

// weight sums the weights of a concern's hits.
func (t *turn) weight(concern string) float64 {
	sum := 0.0
	for _, m := range t.hits(concern) {
		sum += m.Entry.Weight
	}
	return sum
}

// sentenceOf returns the sentence holding word i.
func (t *turn) sentenceOf(i int) sentence {
	for _, s := range t.sentences {
		if i >= s.start && i < s.end {
			return s
		}
	}
	return sentence{start: 0, end: len(t.words)}
}

// hasQuestion reports whether the turn asks a question.
func (t *turn) hasQuestion() bool {
	for _, s := range t.sentences {
		if s.question {
			return true
		}
	}
	return false
}

// matched is the words of a match as the lexicon wrote them.
func (t *turn) matched(m lexicons.Match) string {
	return strings.Join(t.words[m.Start:m.End], " ")
}

// quote returns the sentence of the turn's own text that holds the
// match, never text rebuilt from tokens. When the matched words occur
// more than once in the turn, the occurrence at the match is quoted.
func (t *turn) quote(m lexicons.Match) string {
	want := t.words[m.Start:m.End]
	k := 0
	for i := 0; i < m.Start; i++ {
		if seqAt(t.words, i, want) {
			k++
		}
	}
	start := 0
	for si, end := range t.rawEnd {
		ws := t.words[start:end]
		for i := range ws {
			if seqAt(ws, i, want) {
				if k == 0 {
					return clip(t.raw[si])
				}
				k--
			}
		}
		start = end
	}
	return clip(t.Text)
}

// firstSentence returns the turn's first sentence of its own text.
func (t *turn) firstSentence() string {
	if len(t.raw) > 0 {
		return clip(t.raw[0])
	}
	return clip(t.Text)
}

// appendRawSentences appends the sentences of text to out, split after
// ".", "?" or "!" followed by a space.
func appendRawSentences(out []string, text string) []string {
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if (c == '.' || c == '?' || c == '!') && (i+1 == len(text) || text[i+1] == ' ') {
			if s := strings.TrimSpace(text[start : i+1]); s != "" {
				out = append(out, s)
			}
			start = i + 1
		}
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// seqAt reports whether want occurs in words at i.
func seqAt(words []string, i int, want []string) bool {
	if i+len(want) > len(words) {
		return false
	}
	for j, w := range want {
		if words[i+j] != w && w != lexicons.Wildcard {
			return false
		}
	}
	return true
}

func clip(s string) string {
	if utf8.RuneCountInString(s) <= maxQuoteRune {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:maxQuoteRune])) + "…"
}

// evidence builds an Evidence item for a match in a turn.
func (t *turn) evidence(m lexicons.Match, why string, timed bool) Evidence {
	return Evidence{Turn: t.index, Speaker: t.Speaker, Start: t.start(timed), Quote: t.quote(m), Matched: t.matched(m), Why: why}
}

func (t *turn) start(timed bool) *float64 {
	if !timed {
		return nil
	}
	s := t.Start
	return &s
}
