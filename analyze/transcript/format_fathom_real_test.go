package transcript

import (
	"github.com/calltrust/calltrust/internal/realcalls"

	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestFathomRealCalls reads every growthx_*.json in the real calls: each
// must parse as fathom, with the display names as speakers. Every speaker
// the labels name must be there (a name in parentheses describes someone
// the file does not name, and is not looked for), unless it is a name
// IsBot takes for a meeting bot, which Parse drops from every format;
// every speaker there must be labelled, since every turn Parse keeps has
// words. Where the call has parties, speakers labelled on one side share
// a party and speakers on different sides do not.
func TestFathomRealCalls(t *testing.T) {
	realCallsDir, labels := realcalls.Labels(t)
	files, _ := filepath.Glob(filepath.Join(realCallsDir, "growthx_*.json"))
	if len(files) == 0 {
		t.Fatalf("no growthx_*.json in %s", realCallsDir)
	}
	byFile := realcalls.ByFile(labels)
	withParties := 0
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			label, ok := byFile[name]
			if !ok {
				t.Fatal("not in labels.json")
			}
			c := parseFile(t, path)
			if c.Format != "fathom" || !c.Timed {
				t.Errorf("read as %q, timed %v; want fathom, timed", c.Format, c.Timed)
			}
			side := map[string]Role{}
			for _, s := range label.SellerSpeakers {
				side[s] = Seller
			}
			for _, s := range label.CustomerSpeakers {
				side[s] = Customer
			}
			// A label names a speaker as the file does, "Name (Company)"
			// included; Parse names the person.
			for s, r := range side {
				if n := SpeakerName(s); n != s && !strings.HasPrefix(s, "(") {
					delete(side, s)
					side[n] = r
				}
			}
			speakers := c.Speakers()
			for s := range side {
				switch {
				case strings.HasPrefix(s, "("):
				case !slices.Contains(speakers, s):
					t.Errorf("labelled speaker %q missing; speakers: %q", s, speakers)
				}
			}
			for _, s := range speakers {
				if _, ok := side[s]; !ok {
					t.Errorf("speaker %q says something but is not labelled", s)
				}
			}
			for i, turn := range c.Turns {
				if turn.End < turn.Start || i > 0 && turn.Start < c.Turns[i-1].Start {
					t.Errorf("turn %d times %v..%v out of order", i, turn.Start, turn.End)
				}
			}
			if len(c.Parties) > 0 {
				withParties++
			}
			for a, pa := range c.Parties {
				for b, pb := range c.Parties {
					if (pa == pb) != (side[a] == side[b]) {
						t.Errorf("%s (%s, %s) and %s (%s, %s): parties disagree with the labels", a, side[a], pa, b, side[b], pb)
					}
				}
			}
		})
	}
	t.Logf("%d of %d calls have parties from their e-mail domains", withParties, len(files))
}
