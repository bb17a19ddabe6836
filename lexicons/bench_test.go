package lexicons

import (
	"math/rand"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// benchTurns are turns of a sales call: contractions, quotes, numbers,
// percentages and hyphenated words, as transcripts have them.
var benchTurns = func() []string {
	sentences := []string{
		"Many companies in your industry are seeing longer close cycles this year.",
		"How does your team handle month-end reconciliation today?",
		"We currently use spreadsheets and it takes about four days.",
		"Our platform is the industry-leading tool for that, and I guarantee you'll cut it in half.",
		"I can't guarantee specific numbers, but most customers see a payback in about 90 days.",
		"That sounds expensive, and I'm worried about the rollout.",
		"Let me check with my CFO and I'll get back to you next week.",
		"Our SLA guarantees 99.9% uptime with service credits if we miss it.",
		"It's been a long quarter, 'sure' was the word everyone used, and we won't change that.",
		"Mr. Lee said they'd sign by Friday -- no problem at all.",
		"Just checking in to see how things are going.",
		"Whatever you need, we can do it, there's zero risk for you.",
	}
	rng := rand.New(rand.NewSource(1))
	out := make([]string, 400)
	for i := range out {
		var b strings.Builder
		for n := 1 + rng.Intn(4); n > 0; n-- {
			b.WriteString(sentences[rng.Intn(len(sentences))])
			b.WriteByte(' ')
		}
		out[i] = strings.TrimSpace(b.String())
	}
	return out
}()

func benchBytes() int64 {
	n := 0
	for _, t := range benchTurns {
		n += len(t)
	}
	return int64(n)
}

// BenchmarkTokens is prose's tokenizer with the two repairs: the floor
// every analysis pays.
func BenchmarkTokens(b *testing.B) {
	b.SetBytes(benchBytes())
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range benchTurns {
			Tokens(t)
		}
	}
}

// BenchmarkWords is Tokens plus the canonical words: what a turn costs
// before lexicon matching.
func BenchmarkWords(b *testing.B) {
	b.SetBytes(benchBytes())
	b.ReportAllocs()
	var dst []string
	for b.Loop() {
		for _, t := range benchTurns {
			dst = AppendWords(dst[:0], t)
		}
	}
}

// BenchmarkFind is one pass of the compiled matcher over words already
// split: every phrase of the default set at once.
func BenchmarkFind(b *testing.B) {
	set := Default()
	words := make([][]string, len(benchTurns))
	for i, t := range benchTurns {
		words[i] = Words(t)
	}
	b.SetBytes(benchBytes())
	b.ReportAllocs()
	var dst []Match
	for b.Loop() {
		for _, ws := range words {
			dst = set.Find(dst[:0], ws)
		}
	}
}

// BenchmarkRepairs is the two repairs Tokens makes before prose sees the
// text.
func BenchmarkRepairs(b *testing.B) {
	b.SetBytes(benchBytes())
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range benchTurns {
			fixContractions(fixQuotes(t))
		}
	}
}

// The repairs are written by hand for speed; these are the plain forms
// they must agree with, and the test checks that they do on text built
// from the pieces that matter to them.

var contractionPunct = regexp.MustCompile(`(?i)('(?:t|s|m|re|ll|ve|d))([,.;:!?)"]+)`)

func fixContractionsReference(s string) string {
	return contractionPunct.ReplaceAllString(s, "$1 $2")
}

func fixQuotesReference(s string) string {
	var b strings.Builder
	prev := ' '
	for i, r := range s {
		if r == '\'' || r == '\u2018' || r == '\u2019' {
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if (unicode.IsSpace(prev) || prev == '(' || prev == '[' || prev == '"' || prev == '\u201c') && unicode.IsLetter(next) {
				b.WriteByte('"')
				prev = '"'
				continue
			}
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

func TestRepairsMatchReference(t *testing.T) {
	pieces := []string{"a", "I", "we", "ca", "n't", "'", "\u2018", "\u2019", "\"", "\u201c", ".", ",", "?", "!", ";", ":",
		"(", ")", "[", " ", "  ", "\n", "\t", "\u00a0", "s", "S", "\u017f", "t", "T", "re", "RE", "ll", "Ll", "ve", "VE",
		"d", "D", "m", "M", "x", "\xff", "\xc5", "\xbf", "\u00e9", "'90s", "o'clock"}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 200000; i++ {
		var b strings.Builder
		for n := rng.Intn(10); n >= 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		if got, want := fixContractions(s), fixContractionsReference(s); got != want {
			t.Fatalf("fixContractions(%q) = %q, want %q", s, got, want)
		}
		want := s
		if strings.ContainsAny(s, "'\u2018\u2019") {
			want = fixQuotesReference(s)
		}
		if got := fixQuotes(s); got != want {
			t.Fatalf("fixQuotes(%q) = %q, want %q", s, got, want)
		}
	}
}
