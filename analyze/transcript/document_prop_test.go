package transcript

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// clutterTitles, clutterMeta and clutterNotes are the pieces a generated
// document is made of around a fixture.
var (
	clutterTitles = []string{"# Discovery call with Millstone Foods", "Sales call transcript - renewal",
		"## weekly pipeline review", "# Call recording: Quarry Labs x Millstone"}
	clutterMeta = [][]string{
		{"**Call ID:** QA-2207"}, {"Call ID: QA-2207"},
		{"**Date:** March 3, 2025"}, {"Date: 2025-03-03"}, {"**Call Date:** 3 March 2025"},
		{"**Duration:** 24 minutes"}, {"Duration: 24 minutes"},
		{"**Attendees:** Ysolde Marrick (AE, Quarry Labs), Teodor Vance (COO, Millstone Foods)"},
		{"**Participants:**", "- Ysolde Marrick (Quarry Labs Account Executive)", "- Teodor Vance (COO, Millstone Foods)"},
		{"**Outcome:** Pilot agreed, pending budget"}, {"Call Type: Discovery"}, {"**Call Type:** Demo"},
		{"| Field | Value |", "|---|---|", "| Region | North |"},
	}
	clutterNotes = [][]string{
		{"## Notes", "- Ask who owns the budget", "- Send the pilot plan"},
		{"**Call Notes:**", "- Strong opening", "- No question about timing"},
		{"Key takeaways:", "- Pricing came up late"},
		{"Action items", "- [ ] Book the second call"},
		{"## Summary", "The buyer agreed to a pilot, pending budget.", "", "The rep did not ask about other vendors."},
		{"### Next steps", "1. Pilot plan by Friday", "2. Call with the controller"},
	}
)

// clutterDoc builds a document around fixture (its BOM removed) and says
// how many of its own lines are not blank. With fence the fixture goes in
// a code block.
func clutterDoc(rng *rand.Rand, fixture []byte, fence bool) ([]byte, int) {
	var b bytes.Buffer
	n := 0
	line := func(s string) {
		b.WriteString(s)
		b.WriteString("\n")
		if strings.TrimSpace(s) != "" {
			n++
		}
	}
	blanks := func() {
		for range rng.Intn(4) {
			line("")
		}
	}
	if rng.Intn(2) == 0 {
		b.Write(bom)
	}
	blanks()
	line(clutterTitles[rng.Intn(len(clutterTitles))])
	blanks()
	for _, i := range rng.Perm(len(clutterMeta))[:1+rng.Intn(4)] {
		for _, s := range clutterMeta[i] {
			line(s)
		}
	}
	blanks()
	if rng.Intn(2) == 0 {
		line("---")
		blanks()
	}
	if rng.Intn(2) == 0 {
		line("## Transcript")
		blanks()
	}
	marker := []string{"```", "```text", "~~~"}[rng.Intn(3)]
	if fence {
		line(marker)
	}
	b.Write(bytes.TrimPrefix(fixture, bom))
	if !bytes.HasSuffix(fixture, []byte("\n")) {
		b.WriteString("\n")
	}
	if fence {
		line(marker[:3])
	}
	blanks()
	if rng.Intn(2) == 0 {
		line("---")
		blanks()
	}
	for _, i := range rng.Perm(len(clutterNotes))[:1+rng.Intn(3)] {
		for _, s := range clutterNotes[i] {
			line(s)
		}
		blanks()
	}
	return b.Bytes(), n
}

// textFixtures lists the fixtures of testdata/formats a document can hold:
// .vtt, .srt, .txt and .md files.
func textFixtures(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "formats", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range paths {
		switch filepath.Ext(p) {
		case ".vtt", ".srt", ".txt", ".md":
			out = append(out, p)
		}
	}
	if len(out) < 40 {
		t.Fatalf("%d text fixtures, want at least 40", len(out))
	}
	return out
}

// TestDocumentClutter wraps every text fixture in generated documents (a
// title, metadata, rules, headings, a code fence where the layout has
// turns, notes after, blank-line runs, a BOM) and checks that the turns
// come out exactly as from the bare fixture and that Skipped counts
// every line of the clutter and nothing else.
func TestDocumentClutter(t *testing.T) {
	for _, path := range textFixtures(t) {
		rel, _ := filepath.Rel(filepath.Join("..", "..", "testdata", "formats"), path)
		t.Run(rel, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Base(path)
			bare, err := Parse(name, data)
			if err != nil {
				t.Fatalf("bare fixture: %v", err)
			}
			rng := rand.New(rand.NewSource(int64(len(data))))
			for round := range 8 {
				fence := round%2 == 1 && bare.Format != "plain"
				doc, clutter := clutterDoc(rng, data, fence)
				c, err := Parse(name, doc)
				if err != nil {
					t.Fatalf("round %d: %v\n%s", round, err, doc)
				}
				if d := sameReading(bare, c); d != "" {
					t.Fatalf("round %d (fence %v): %s\n%s", round, fence, d, doc)
				}
				if want := bare.Skipped.Lines + clutter; c.Skipped.Lines != want {
					t.Fatalf("round %d (fence %v): %d lines skipped (%v), want %d: the bare fixture's %d and the %d of the clutter\n%s",
						round, fence, c.Skipped.Lines, c.Skipped.Ranges, want, bare.Skipped.Lines, clutter, doc)
				}
			}
		})
	}
}

// sameReading says how two readings of one conversation differ, or "".
func sameReading(want, got *Call) string {
	switch {
	case got.Format != want.Format:
		return fmt.Sprintf("format %q, want %q", got.Format, want.Format)
	case got.Timed != want.Timed || got.RolesFromFile != want.RolesFromFile:
		return fmt.Sprintf("timed, roles from file %v, %v; want %v, %v", got.Timed, got.RolesFromFile, want.Timed, want.RolesFromFile)
	case len(got.Turns) != len(want.Turns):
		return fmt.Sprintf("%d turns, want %d: %+v", len(got.Turns), len(want.Turns), got.Turns)
	}
	for i := range want.Turns {
		if got.Turns[i] != want.Turns[i] {
			return fmt.Sprintf("turn %d = %+v\nwant %+v", i, got.Turns[i], want.Turns[i])
		}
	}
	if !maps.Equal(got.Parties, want.Parties) {
		return fmt.Sprintf("parties %v, want %v", got.Parties, want.Parties)
	}
	return ""
}
