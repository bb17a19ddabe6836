package transcript

import (
	"bytes"
	"errors"
	"math"
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

// FuzzDocument feeds the document reading and the time-blocks format the
// text fixtures and what the fuzzer makes of them. It must never panic;
// the blanked text keeps every line; Skipped's counts add up and its
// ranges are in order within the file; the time-blocks parser returns a
// call or an error, with ends not before starts; and Parse's nil error
// means a turn with words.
func FuzzDocument(f *testing.F) {
	for _, folder := range []string{"text", "time-blocks", "notetaker", "webvtt", "srt", "plain"} {
		addSeedFiles(f, func(name string, data []byte) { f.Add(name, data) },
			filepath.Join("..", "..", "testdata", "formats", folder, "*"))
	}
	f.Add("doc.md", []byte("# T\n**Date:** 2025-01-02\n```\n[00:00] A: hi\n[00:01] B: yo\n```\n## Notes\n- x\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		text, s, _ := readDocument(data)
		if bytes.Count(text, []byte("\n")) != bytes.Count(data, []byte("\n")) {
			t.Fatalf("blanking changed the number of lines")
		}
		if s.Before+s.Inside+s.After != s.Lines {
			t.Fatalf("skipped %d = %d before + %d inside + %d after", s.Lines, s.Before, s.Inside, s.After)
		}
		last := 0
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, r := range s.Ranges {
			if r[0] <= last || r[1] < r[0] || r[1] > lines {
				t.Fatalf("range %v after line %d of %d", r, last, lines)
			}
			last = r[1]
		}
		if c, err := parseTimeBlocks(name, data); (c == nil) == (err == nil) {
			t.Fatalf("time-blocks parser returned call %v and error %v", c, err)
		} else if c != nil {
			for i, turn := range c.Turns {
				if turn.End < turn.Start || math.IsNaN(turn.Start) {
					t.Fatalf("turn %d ends at %v before it starts at %v", i, turn.End, turn.Start)
				}
			}
		}
		c, err := Parse(name, data)
		if err != nil {
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
