package lexicons

import (
	"cmp"
	"math/rand"
	"slices"
	"testing"
)

// findNaive is what Find must give, the slow way: every phrase of every
// entry tried at every word.
func findNaive(s *Set, words []string) []Match {
	var out []Match
	for _, f := range s.Files {
		for _, e := range f.Entries {
			for _, p := range e.Phrases {
				pw := Words(p)
				for i := range words {
					if phraseAt(words, i, pw) {
						out = append(out, Match{Entry: e, Start: i, End: i + len(pw)})
					}
				}
			}
		}
	}
	return out
}

func phraseAt(words []string, i int, phrase []string) bool {
	if len(phrase) == 0 || i+len(phrase) > len(words) {
		return false
	}
	for j, p := range phrase {
		w := words[i+j]
		if p == Wildcard && IsPunct(w) || p != Wildcard && p != w {
			return false
		}
	}
	return true
}

// sortMatches orders matches fully, so that two lists of the same matches
// compare equal.
func sortMatches(ms []Match) []Match {
	ms = slices.Clone(ms)
	slices.SortFunc(ms, func(a, b Match) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End),
			cmp.Compare(a.Entry.File, b.Entry.File), cmp.Compare(a.Entry.Line, b.Entry.Line), cmp.Compare(a.Entry.ID, b.Entry.ID))
	})
	return slices.CompactFunc(ms, func(a, b Match) bool { return a == b })
}

// TestFindIsEveryPhraseAtEveryWord runs the default set over the words of
// every example of every entry, and over random mixes of phrase words,
// against findNaive.
func TestFindIsEveryPhraseAtEveryWord(t *testing.T) {
	s := Default()
	var vocab, examples []string
	for _, f := range s.Files {
		for _, e := range f.Entries {
			for _, p := range e.Phrases {
				vocab = append(vocab, Words(p)...)
			}
			examples = append(append(examples, e.Match...), e.NoMatch...)
		}
	}
	vocab = append(vocab, ".", ",", "?", "unlisted", "words")
	texts := [][]string{}
	for _, x := range examples {
		texts = append(texts, Words(x))
	}
	rng := rand.New(rand.NewSource(1))
	for range 200 {
		ws := make([]string, 5+rng.Intn(60))
		for i := range ws {
			ws[i] = vocab[rng.Intn(len(vocab))]
		}
		texts = append(texts, ws)
	}
	matches := 0
	for _, ws := range texts {
		got := s.Find(nil, ws)
		if !slices.IsSortedFunc(got, func(a, b Match) int { return cmp.Compare(a.Start, b.Start) }) {
			t.Fatalf("%q: matches not in order of start", ws)
		}
		if g, w := sortMatches(got), sortMatches(findNaive(s, ws)); !slices.Equal(g, w) {
			t.Fatalf("%q:\nFind  %v\nnaive %v", ws, g, w)
		}
		matches += len(got)
	}
	if matches < 1000 {
		t.Errorf("only %d matches over %d texts: the test does not exercise the matcher", matches, len(texts))
	}
}
