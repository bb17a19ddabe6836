package analyze

import (
	"fmt"

	"github.com/calltrust/calltrust/lexicons"
)

// ExampleFailure is a lexicon example that did not behave as written.
type ExampleFailure struct {
	File    string
	Line    int
	Entry   string
	Example string
	Want    bool // true: must match; false: must not match
}

func (f ExampleFailure) String() string {
	verb := "must match but did not"
	if !f.Want {
		verb = "must not match but did"
	}
	return fmt.Sprintf("%s:%d: entry %q: %q %s", f.File, f.Line, f.Entry, f.Example, verb)
}

// TestLexicons runs every entry's examples through the detectors as a
// seller's words (a customer's for the customer-side concerns): an
// overpromise example fires only when nothing excuses it, as in a report.
// It returns the examples that misbehaved and how many ran.
func TestLexicons(set *lexicons.Set) (fails []ExampleFailure, ran int) {
	for _, f := range set.Files {
		for _, e := range f.Entries {
			for _, ex := range e.Match {
				ran++
				if !fires(set, e, ex) {
					fails = append(fails, ExampleFailure{f.Name, e.Line, e.ID, ex, true})
				}
			}
			for _, ex := range e.NoMatch {
				ran++
				if fires(set, e, ex) {
					fails = append(fails, ExampleFailure{f.Name, e.Line, e.ID, ex, false})
				}
			}
		}
	}
	return fails, ran
}

// fires reports whether entry e fires on text as the detectors see it.
func fires(set *lexicons.Set, e *lexicons.Entry, text string) bool {
	c := &Call{Turns: []Turn{{Speaker: "example", Role: Seller, Text: text}}}
	turns := prepare(c, set)
	t := &turns[0]
	if e.Concern == lexicons.Overpromise {
		for _, p := range promises(turns) {
			if p.m.Entry == e && p.reason == "" {
				return true
			}
		}
		return false
	}
	for _, m := range t.hits(e.Concern) {
		if m.Entry == e {
			return true
		}
	}
	return false
}
