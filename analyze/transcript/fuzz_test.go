package transcript

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// addSeedFiles calls add with the name and bytes of every file the
// patterns match.
func addSeedFiles(f *testing.F, add func(name string, data []byte), patterns ...string) {
	f.Helper()
	for _, pattern := range patterns {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, path := range files {
			data, err := os.ReadFile(path)
			if err != nil {
				f.Fatal(err)
			}
			add(filepath.Base(path), data)
		}
	}
}

// FuzzParse checks that Parse never panics, that a call it returns has a
// turn with words, and that every error it returns is a *ParseError.
func FuzzParse(f *testing.F) {
	addSeedFiles(f, func(name string, data []byte) { f.Add(name, data) },
		filepath.Join("..", "..", "testdata", "formats", "*", "*"),
		filepath.Join("..", "..", "testdata", "broken", "*"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		c, err := Parse(name, data)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T is not a *ParseError: %v", err, err)
			}
			return
		}
		words := false
		for _, turn := range c.Turns {
			words = words || strings.TrimSpace(turn.Text) != ""
		}
		if !words {
			t.Fatalf("no error and no turn with words: %+v", c.Turns)
		}
	})
}
