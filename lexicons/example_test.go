package lexicons_test

import (
	"fmt"
	"strings"

	"github.com/calltrust/calltrust/lexicons"
)

func ExampleSet_Find() {
	set := lexicons.Default()
	words := lexicons.Words("Honestly, it's zero risk and I can't see how this wouldn't work.")
	for _, m := range set.Find(nil, words) {
		if m.Entry.Concern == lexicons.Overpromise {
			fmt.Printf("%s: %s\n", m.Entry.ID, strings.Join(words[m.Start:m.End], " "))
		}
	}
	// Output:
	// zero-risk: zero risk
	// negated-negative: can not see how
}
