package transcript

import (
	"fmt"
	"slices"
	"strings"
)

// Skipped tells which lines of a transcript's file were not read as
// speech: the title, metadata, headings, rules and notes around the
// conversation and the plainly not-spoken blocks inside it. Blank lines
// are not counted.
type Skipped struct {
	// Lines is how many non-blank lines were skipped.
	Lines int `json:"lines"`
	// Ranges are the skipped stretches as 1-based inclusive line numbers
	// of the original file; blank lines between two skipped lines do not
	// split a range.
	Ranges [][2]int `json:"ranges"`
	// Before, Inside and After split Lines by where the lines stood:
	// before the first line read as speech, between two such lines, and
	// after the last.
	Before int `json:"-"`
	Inside int `json:"-"`
	After  int `json:"-"`
}

// IsZero reports whether nothing was skipped.
func (s Skipped) IsZero() bool { return s.Lines == 0 && len(s.Ranges) == 0 }

// Note words what was skipped in one line for a reader of the report:
// "12 lines before the conversation and 9 after it were not read as
// speech". It is "" when nothing was skipped.
func (s Skipped) Note() string {
	if s.Lines == 0 {
		return ""
	}
	if s.Before+s.Inside+s.After != s.Lines {
		return fmt.Sprintf("%s of the file %s not read as speech", lines(s.Lines), were(s.Lines))
	}
	var parts []string
	if s.Before > 0 {
		parts = append(parts, lines(s.Before)+" before the conversation")
	}
	if s.Inside > 0 {
		if len(parts) == 0 {
			parts = append(parts, lines(s.Inside)+" inside the conversation")
		} else {
			parts = append(parts, fmt.Sprintf("%d inside it", s.Inside))
		}
	}
	if s.After > 0 {
		if len(parts) == 0 {
			parts = append(parts, lines(s.After)+" after the conversation")
		} else {
			parts = append(parts, fmt.Sprintf("%d after it", s.After))
		}
	}
	var b strings.Builder
	for i, p := range parts {
		switch {
		case i == 0:
		case i == len(parts)-1:
			b.WriteString(" and ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(p)
	}
	return b.String() + " " + were(s.Lines) + " not read as speech"
}

// lines writes n with "line" or "lines".
func lines(n int) string {
	if n == 1 {
		return "1 line"
	}
	return fmt.Sprintf("%d lines", n)
}

// were is the verb for n lines.
func were(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// skipped counts the skipped lines that are not blank, in ranges, and
// where they stood.
func (d *document) skipped() Skipped {
	var s Skipped
	if !slices.Contains(d.skip, true) {
		return s
	}
	firstKept, lastKept := -1, -1
	for i := range d.lines {
		if !d.skip[i] && d.lines[i].end > d.lines[i].start && d.text(i) != "" {
			if firstKept < 0 {
				firstKept = i
			}
			lastKept = i
		}
	}
	for i := range d.lines {
		if !d.skip[i] || d.text(i) == "" {
			continue
		}
		s.Lines++
		switch {
		case firstKept < 0 || i < firstKept:
			s.Before++
		case i > lastKept:
			s.After++
		default:
			s.Inside++
		}
		n := len(s.Ranges)
		if n > 0 && d.onlyBlankOrSkipped(s.Ranges[n-1][1], i) {
			s.Ranges[n-1][1] = i + 1
		} else {
			s.Ranges = append(s.Ranges, [2]int{i + 1, i + 1})
		}
	}
	return s
}

// onlyBlankOrSkipped reports whether the lines strictly between 1-based
// line from and 0-based line i are all blank or skipped.
func (d *document) onlyBlankOrSkipped(from, i int) bool {
	for j := from; j < i; j++ {
		if !d.skip[j] && d.text(j) != "" {
			return false
		}
	}
	return true
}
