package transcript

import (
	"github.com/calltrust/calltrust/internal/realcalls"

	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// markupInText finds what a document's markup leaves in a turn's text: a
// heading, or a bold key.
var (
	headingInText = regexp.MustCompile(`(?:^|\s)#{1,6}\s`)
	boldKeyInText = regexp.MustCompile(`\*\*([^*]{1,40}?):?\*\*`)
)

// TestRealCalls parses every .txt and .md call of the shared real calls:
// each is a conversation, no speaker is a metadata key, no turn holds a
// heading or a metadata line, every speaker the labels name is there, and
// no other speaker says more than one short line.
func TestRealCalls(t *testing.T) {
	realCallsDir, labels := realcalls.Labels(t)
	byFile := realcalls.ByFile(labels)
	paths, err := filepath.Glob(filepath.Join(realCallsDir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, path := range paths {
		name := filepath.Base(path)
		if ext := filepath.Ext(name); ext != ".txt" && ext != ".md" || name == "README.md" {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			c := parseFile(t, path)
			if err := c.CheckSpeakers(false); err != nil {
				t.Fatalf("refused: %v", err)
			}
			checkRealTurns(t, c)
			if l, ok := byFile[name]; ok {
				checkRealSpeakers(t, c, append(l.SellerSpeakers, l.CustomerSpeakers...))
			}
		})
	}
	if n < 14 {
		t.Errorf("%d real calls in text, want at least 14", n)
	}
}

// checkRealTurns checks that no speaker is a document's key and no text
// holds its markup.
func checkRealTurns(t *testing.T, c *Call) {
	t.Helper()
	for i, turn := range c.Turns {
		if isMetaOrSection(turn.Speaker) || notSpeaker(turn.Speaker) || noteMarkerLine(turn.Speaker) {
			t.Errorf("turn %d: speaker %q is a metadata key, a section or a tool's marker", i, turn.Speaker)
		}
		if headingInText.MatchString(turn.Text) {
			t.Errorf("turn %d of %s holds a heading", i, turn.Speaker)
		}
		for _, m := range boldKeyInText.FindAllStringSubmatch(turn.Text, -1) {
			if isMetaOrSection(m[1]) {
				t.Errorf("turn %d of %s holds the metadata line %q", i, turn.Speaker, m[0])
			}
		}
		if strings.HasSuffix(turn.Text, ` "`) || turn.Text == `"` || strings.HasPrefix(turn.Speaker, `"`) {
			t.Errorf("turn %d of %q holds a web copy's stray quote", i, turn.Speaker)
		}
	}
}

// checkRealSpeakers checks the speakers against the labelled ones, case
// aside: all of them are there, and anyone else (but UnknownSpeaker)
// says one short line at most.
func checkRealSpeakers(t *testing.T, c *Call, labelled []string) {
	t.Helper()
	want := map[string]bool{}
	for _, s := range labelled {
		want[strings.ToLower(s)] = true
	}
	turns, words := map[string]int{}, map[string]int{}
	for _, turn := range c.Turns {
		turns[strings.ToLower(turn.Speaker)]++
		words[strings.ToLower(turn.Speaker)] += len(strings.Fields(turn.Text))
	}
	for s := range want {
		if turns[s] == 0 {
			t.Errorf("labelled speaker %q is missing; speakers: %q", s, c.Speakers())
		}
	}
	for s, n := range turns {
		if want[s] || s == strings.ToLower(UnknownSpeaker) {
			continue
		}
		if n > 1 || words[s] > 12 {
			t.Errorf("speaker %q, not labelled, has %d turns of %d words", s, n, words[s])
		}
	}
}
