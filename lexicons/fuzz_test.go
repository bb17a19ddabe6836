package lexicons

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// FuzzWords feeds Words any text: it must not panic (prose cuts words at
// offsets found in their lower case), and every word it returns is
// non-empty and has no upper-case letter.
func FuzzWords(f *testing.F) {
	for _, s := range []string{
		`He said 'sure thing' and 'really'`, "I can't, we won't.", "\u023a\u023a\u023a'm here", "\u0130'll go",
		"we\xff'll", "\u1e9e's", "K\u212a'S", "100% best-in-class", "Mr. Smith", "'90s o'clock",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, w := range Words(text) {
			if w == "" || strings.TrimSpace(w) == "" {
				t.Fatalf("Words(%q) has an empty word", text)
			}
			for _, r := range w {
				if unicode.IsUpper(r) && unicode.ToLower(r) != r {
					t.Fatalf("Words(%q) has %q, not lower case", text, w)
				}
			}
		}
	})
}

// FuzzWordsEach checks that texts tokenized together give the words and
// tokens each text gives alone.
func FuzzWordsEach(f *testing.F) {
	f.Add("We can't promise that.", "'sure' thing, İ'll send it\n\nby Friday", "")
	f.Add("  ", "a\u00a0b\tc", "x\uE000y")
	f.Add("a\uE000'sure thing'", "it's\uE000.", "\uE000'really'")
	f.Add("No. Yes... Ok.", "$100 (approx.) 99.9%", "it's we've they'll")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		texts := []string{a, b, c}
		words, ends := AppendWordsEach(nil, nil, texts)
		tokens := TokensEach(texts)
		if len(ends) != len(texts) || len(tokens) != len(texts) {
			t.Fatalf("%d texts gave %d word ends and %d token lists", len(texts), len(ends), len(tokens))
		}
		from := 0
		for i, text := range texts {
			text = strings.ReplaceAll(text, textMark, " ")
			if got, want := words[from:ends[i]], Words(text); !slices.Equal(got, want) {
				t.Fatalf("text %d %q: words %q together, %q alone", i, text, got, want)
			}
			if got, want := tokens[i], Tokens(text); !slices.Equal(got, want) {
				t.Fatalf("text %d %q: tokens %q together, %q alone", i, text, got, want)
			}
			from = ends[i]
		}
	})
}

// TestWordsEachInPasses tokenizes texts longer than one pass of prose
// together: the words are still those of each text alone.
func TestWordsEachInPasses(t *testing.T) {
	var texts []string
	size := 0
	for i := 0; size < 3*passBytes; i++ {
		text := strings.Repeat("We can't promise 'sure' results, Mr. Smith. ", i%40+1)
		texts = append(texts, text)
		size += len(text)
	}
	words, ends := AppendWordsEach(nil, nil, texts)
	from := 0
	for i, text := range texts {
		if got, want := words[from:ends[i]], Words(text); !slices.Equal(got, want) {
			t.Fatalf("text %d: words %q together, %q alone", i, got, want)
		}
		from = ends[i]
	}
}
