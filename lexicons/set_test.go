package lexicons

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestDefaultLoads(t *testing.T) {
	s := Default()
	if len(s.Files) != len(Concerns) {
		t.Fatalf("built-in set has %d files, want one per concern (%d)", len(s.Files), len(Concerns))
	}
	if !strings.HasPrefix(s.Version, "sha256:") {
		t.Errorf("version %q", s.Version)
	}
	if again := Default(); again.Version != s.Version {
		t.Errorf("version not stable: %s then %s", s.Version, again.Version)
	}
}

func TestWords(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"quoted speech keeps its words", `He said 'sure thing' and 'really'`, []string{"he", "said", "sure", "thing", "and", "really"}},
		{"curly quotes", "She said \u2018maybe\u2019 and \u2018sure\u2019", []string{"she", "said", "maybe", "and", "sure"}},
		{"contractions", "I can't, we won't, it isn't", []string{"i", "can", "not", ",", "we", "will", "not", ",", "it", "is", "not"}},
		{"no. yes. ok. split their periods", "No. Yes... Ok.", []string{"no", ".", "yes", ".", ".", ".", "ok", "."}},
		{"hyphens and percent", "best-in-class, 100% or 100 percent", []string{"best", "in", "class", ",", "100", "%", "or", "100", "%"}},
		{"have and would", "We've said we'd go", []string{"we", "have", "said", "we", "would", "go"}},
		{"contraction before punctuation", "We'll. I'm, you're!", []string{"we", "will", ".", "i", "am", ",", "you", "are", "!"}},
		{"abbreviation keeps the sentence", "Mr. Smith cannot", []string{"mr", "smith", "can", "not"}},
		{"letters whose lower case is longer or shorter", "\u023a\u023a\u023a'm here, \u0130'll go", []string{"\u2c65\u2c65\u2c65", "am", "here", ",", "i", "will", "go"}},
		{"invalid UTF-8 before a contraction", "we\xff'll go", []string{"we\ufffd", "will", "go"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Words(tc.text); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Words(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestMatcherMatchesWholeWords(t *testing.T) {
	s := Default()
	find := func(text, concern string) []string {
		var out []string
		ws := Words(text)
		for _, m := range s.Find(nil, ws) {
			if m.Entry.Concern == concern {
				out = append(out, strings.Join(ws[m.Start:m.End], " "))
			}
		}
		return out
	}
	if got := find("I know the piano is in tune", Negation); len(got) != 0 {
		t.Errorf(`"no" matched inside a word: %q`, got)
	}
	if got := find("I can't promise that", Negation); !reflect.DeepEqual(got, []string{"not"}) {
		t.Errorf("negation in can't: %q", got)
	}
	if got := find("Hi, this is Dana Park from Ledgerly", SellerCue); len(got) == 0 || got[0] != "this is dana park from" {
		t.Errorf("wildcard phrase: %q", got)
	}
}

func writeSet(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := Export(dir); err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadReportsProblemsWithFileAndLine(t *testing.T) {
	good := "concern: pitch\nentries:\n  - id: a\n    phrases: [best]\n    match: [best]\n    no_match: [worst]\n"
	for _, tc := range []struct {
		name, body, want string
	}{
		{"bad yaml", "concern: pitch\nentries: [\n", "pitch.yaml:2: did not find expected node content"},
		{"unknown field", "concern: pitch\nentries:\n  - id: a\n    phrase: [x]\n", "pitch.yaml:4: field phrase not found"},
		{"unknown concern", "concern: pitches\nentries:\n  - id: a\n    phrases: [x]\n    match: [x]\n    no_match: [y]\n", `pitch.yaml:1: unknown concern "pitches"`},
		{"no examples", "concern: pitch\nentries:\n  - id: a\n    phrases: [x]\n", `pitch.yaml:3: entry "a" needs examples`},
		{"duplicate id", good + "  - id: a\n    phrases: [good]\n    match: [good]\n    no_match: [bad]\n", `pitch.yaml:7: duplicate id "a"`},
		{"same phrase twice", good + "  - id: b\n    phrases: [Best]\n    match: [best]\n    no_match: [bad]\n", `phrase "Best" is already in entry "a"`},
		{"call stage not named", "concern: call_stage\nentries:\n  - id: chat\n    phrases: [hello]\n    match: [hello]\n    no_match: [bye]\n", `pitch.yaml:3: entry "chat": a call_stage entry's id names the stage it signals`},
		{"wildcard at the edge", "concern: pitch\nentries:\n  - id: a\n    phrases: [\"* best\"]\n    match: [x]\n    no_match: [y]\n", "may not start or end with *"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadDir(writeSet(t, map[string]string{"pitch.yaml": tc.body}))
			if err == nil || !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
	t.Run("missing concern", func(t *testing.T) {
		dir := writeSet(t, nil)
		os.Remove(filepath.Join(dir, "stall.yaml"))
		if _, err := LoadDir(dir); err == nil || !strings.Contains(err.Error(), `missing concern "stall"`) {
			t.Fatalf("error %v", err)
		}
	})
}

func TestCustomSetChangesVersion(t *testing.T) {
	dir := writeSet(t, map[string]string{"pitch.yaml": "concern: pitch\nentries:\n  - id: a\n    phrases: [shiny]\n    match: [shiny]\n    no_match: [dull]\n"})
	s, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s.Version == Default().Version {
		t.Error("a changed set kept the built-in version")
	}
}
