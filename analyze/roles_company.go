package analyze

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Gong's affiliations are in Call.Parties like company names; they name
// a side, not a company anybody says.
var notCompany = map[string]bool{"internal": true, "external": true, "unknown": true}

// companyWords is how many words a company's name may take in speech
// ("Clear Street Capital").
const companyWords = 3

// companyKey returns a party's name the way nameMentions compares it:
// its letters and digits in lower case ("Clear Street" and the address
// key "clearstreet" both give "clearstreet"). It returns "" for a name
// of fewer than four letters or digits, which too many words and
// initials share, and for a side rather than a company.
func companyKey(party string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(party) {
		if isNameRune(r) {
			b.WriteRune(r)
		}
	}
	key := b.String()
	if utf8.RuneCountInString(key) < 4 || notCompany[key] {
		return ""
	}
	return key
}

// nameMentions counts how often text says a company's name (key, as
// companyKey gives it) as a name: one to three words, the first of them
// capitalised, whose letters and digits are the key ("Semrush",
// "SEMrush", "Clear Street", "GrowthX" in "GrowthX.ai"). The capital
// keeps a company named by a common word ("Wisdom", "Close") from
// matching the word. It reads the text in place: it runs on every turn
// of a call whose parties are known.
func nameMentions(text, key string) int {
	if key == "" {
		return 0
	}
	n := 0
	prev := ' '
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isNameRune(prev) && unicode.IsUpper(r) {
			if end := nameAt(text, i, key); end > 0 {
				n++
				i, prev = end, 'x'
				continue
			}
		}
		prev = r
		i += size
	}
	return n
}

// nameAt reports where a name that spells key ends when it starts at
// text[i], or 0: the letters and digits from i, across at most
// companyWords words, are the key, and the last word ends with it.
func nameAt(text string, i int, key string) int {
	words, inWord := 1, true
	for k := 0; k < len(key); {
		if i >= len(text) {
			return 0
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if !isNameRune(r) {
			if inWord {
				if words++; words > companyWords {
					return 0
				}
			}
			inWord = false
			continue
		}
		inWord = true
		kr, ksize := utf8.DecodeRuneInString(key[k:])
		if unicode.ToLower(r) != kr {
			return 0
		}
		k += ksize
	}
	if i < len(text) {
		if r, _ := utf8.DecodeRuneInString(text[i:]); isNameRune(r) {
			return 0
		}
	}
	return i
}

func isNameRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
