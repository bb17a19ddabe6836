package transcript

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse8 feeds Parse the fixtures of the note-taker, Word and
// speech-to-text formats and what the fuzzer makes of them: it must never
// panic, and a nil error means at least one turn with words. Each of these
// formats' parsers is also run on the input whatever its sniffer says, so
// that none of them panics on content meant for another.
func FuzzParse8(f *testing.F) {
	var seeds []string
	for folder := range folders8 {
		paths, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "formats", folder, "*"))
		seeds = append(seeds, paths...)
	}
	broken, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "broken8", "*"))
	seeds = append(seeds, broken...)
	for _, path := range seeds {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(filepath.Base(path), data)
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		for _, fm := range formats {
			if _, mine := folders8[fm.id]; !mine {
				continue
			}
			fm.sniff(name, data)
			if c, err := fm.parse(name, data); (c == nil) == (err == nil) {
				t.Fatalf("%s parser returned call %v and error %v", fm.id, c, err)
			}
		}
		c, err := Parse(name, data)
		if err != nil {
			if c != nil {
				t.Fatalf("Parse returned a call and an error: %v", err)
			}
			return
		}
		if len(c.Turns) == 0 {
			t.Fatal("Parse returned a call with no turns and no error")
		}
		_, mine := folders8[c.Format]
		for i, turn := range c.Turns {
			if strings.TrimSpace(turn.Text) == "" {
				t.Fatalf("turn %d has no words", i)
			}
			if mine && (turn.End < turn.Start || math.IsNaN(turn.Start) || math.IsNaN(turn.End)) {
				t.Fatalf("turn %d ends at %v before it starts at %v", i, turn.End, turn.Start)
			}
		}
	})
}
