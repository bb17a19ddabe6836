package lexicons

import (
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
