package analyze

import (
	"strings"
	"unicode"
)

// Gong's affiliations are in Call.Parties like company names; they name
// a side, not a company anybody says.
var notCompany = map[string]bool{"internal": true, "external": true, "unknown": true}

// companyKey returns a party's name the way nameMentions compares it:
// its letters and digits in lower case ("Clear Street" and the address
// key "clearstreet" both give "clearstreet"). It returns "" for a name
// of fewer than four letters or digits, which too many words and
// initials share, and for a side rather than a company.
func companyKey(party string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(party) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	key := b.String()
	if len(key) < 4 || notCompany[key] {
		return ""
	}
	return key
}

// nameMentions counts how often text says a company's name (key, as
// companyKey gives it) as a name: one to three words, the first of them
// capitalised, whose letters and digits are the key ("Semrush",
// "SEMrush", "Clear Street", "GrowthX" in "GrowthX.ai"). The capital
// keeps a company named by a common word ("Wisdom", "Close") from
// matching the word.
func nameMentions(text, key string) int {
	if key == "" {
		return 0
	}
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	n := 0
	for i := 0; i < len(words); i++ {
		if first := []rune(words[i])[0]; !unicode.IsUpper(first) {
			continue
		}
		joined := ""
		for k := i; k < len(words) && k < i+3 && len(joined) < len(key); k++ {
			joined += strings.ToLower(words[k])
			if joined == key {
				n++
				i = k
				break
			}
		}
	}
	return n
}
