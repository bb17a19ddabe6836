package analyze

import (
	"strings"
	"unicode"
)

// minQuoteWordsInTrap is how many words an evidence quote needs before
// it counts as quoting a trap it lies inside: a labelled trap is often a
// whole sentence, and a two-word quote ("Yes, absolutely.") inside it is
// as likely another sentence that happens to share the words.
const minQuoteWordsInTrap = 3

// quotedTraps returns one TrapQuoted disagreement per overpromise quote
// of the report that quotes one of the label's traps. A quote quotes a
// trap when, compared as words (case, punctuation and spacing aside),
// the trap lies inside the quote (labellers often cut a sentence short)
// or the quote, of at least minQuoteWordsInTrap words, lies inside the
// trap.
func quotedTraps(l *Label, r *Report) []Disagreement {
	f := flagOf(r, Overpromise)
	if f == nil || len(l.Traps) == 0 {
		return nil
	}
	traps := make([][]string, len(l.Traps))
	for i, t := range l.Traps {
		traps[i] = words(t)
	}
	var out []Disagreement
	for _, e := range f.Evidence {
		q := words(e.Quote)
		for i, t := range traps {
			if len(t) == 0 {
				continue
			}
			if within(t, q) || (len(q) >= minQuoteWordsInTrap && within(q, t)) {
				e := e
				out = append(out, Disagreement{Call: l.File, What: TrapQuoted, Flag: Overpromise, Fired: &e, Trap: l.Traps[i]})
				break
			}
		}
	}
	return out
}

// words splits a text into lower-case runs of letters and digits, so
// that curly and straight apostrophes, punctuation and line breaks
// compare equal.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// within reports whether needle occurs as consecutive words in hay.
func within(needle, hay []string) bool {
	if len(needle) == 0 || len(needle) > len(hay) {
		return false
	}
outer:
	for i := 0; i+len(needle) <= len(hay); i++ {
		for j, w := range needle {
			if hay[i+j] != w {
				continue outer
			}
		}
		return true
	}
	return false
}
