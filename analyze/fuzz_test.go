package analyze

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics, that a call it returns has a
// turn with words, and that every error it returns is a *ParseError.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{
		filepath.Join("..", "testdata", "formats", "*", "*"),
		filepath.Join("..", "testdata", "broken", "*"),
	} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, path := range files {
			data, err := os.ReadFile(path)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(filepath.Base(path), data)
		}
	}
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
