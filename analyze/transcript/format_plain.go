package transcript

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
)

// Plain prose has no speaker labels at all: a rep's practice pitch or a
// voicemail written out as paragraphs. It is the last format tried, and it
// only takes text that reads as prose, not data, markup or code.

const plainSniffLimit = 64 << 10

var (
	// plainKeyValue matches "key: value" lines (headers, YAML, "Name: text").
	plainKeyValue = regexp.MustCompile(`^[^\s:][^:]{0,30}:(?:\s|$)`)
	// plainBullet matches list items.
	plainBullet = regexp.MustCompile(`^(?:[-*•–]\s|\d{1,3}[.)]\s|\[[ xX]\])`)
	// plainLeadingTime matches lines that start with a timestamp.
	plainLeadingTime = regexp.MustCompile(`^[\[(]?\d{1,2}:\d{2}`)
	// plainHeading matches markdown headings.
	plainHeading = regexp.MustCompile(`^#{1,6}\s`)
)

// sniffPlain accepts text that reads as prose: mostly letters, with
// sentence punctuation, and not JSON, markup, CSV, "key: value" lines,
// lists, code or timestamped lines.
func sniffPlain(name string, data []byte) bool {
	if noteStructured(data) {
		return false
	}
	if len(data) > plainSniffLimit {
		data = data[:plainSniffLimit]
		if i := bytes.LastIndexByte(data, '\n'); i > 0 {
			data = data[:i]
		}
	}
	s := string(data)
	if strings.HasPrefix(strings.TrimSpace(s), "WEBVTT") || strings.Contains(s, "-->") {
		return false
	}
	var lines, keyValue, bullets, timed, code, tabbed int
	commas := map[int]int{}
	for raw := range strings.Lines(s) {
		line := strings.TrimSpace(raw)
		if line == "" {
			continue
		}
		lines++
		switch {
		case plainKeyValue.MatchString(line):
			keyValue++
		case plainBullet.MatchString(line):
			bullets++
		case plainLeadingTime.MatchString(line):
			timed++
		}
		if strings.HasPrefix(line, "//") || strings.HasPrefix(line, "#!") || strings.HasPrefix(line, "|") ||
			strings.ContainsAny(line[len(line)-1:], ";{}") {
			code++
		}
		if strings.Count(line, "\t") >= 2 {
			tabbed++
		}
		if n := strings.Count(line, ","); n >= 2 {
			commas[n]++
		}
	}
	if lines == 0 {
		return false
	}
	share := func(n int) bool { return n >= 2 && n*5 >= lines }
	if share(keyValue) || share(timed) || share(code) || (bullets >= 2 && bullets*4 >= lines) {
		return false
	}
	if tabbed >= 2 && tabbed*2 >= lines {
		return false
	}
	for _, n := range commas {
		if n >= 3 && n*2 >= lines {
			return false
		}
	}
	return plainProse(s)
}

// plainProse reports whether s is mostly letters and spaces with some
// sentence punctuation.
func plainProse(s string) bool {
	var letters, others, enders, words int
	inWord := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
			if !inWord {
				words++
			}
			inWord = true
			continue
		case unicode.IsSpace(r):
		case r == '.' || r == '?' || r == '!':
			enders++
			others++
		case r == '\'' || r == '’' || r == '-':
			if inWord {
				continue
			}
			others++
		default:
			others++
		}
		inWord = false
	}
	if words < 3 || letters < 4*others {
		return false
	}
	return enders > 0 || words <= 30
}

// parsePlain reads prose as one unlabelled, untimed turn per paragraph. A
// first paragraph that is one short line without end punctuation is a
// title and is left out, as are markdown headings.
func parsePlain(name string, data []byte) (*Call, error) {
	c := &Call{}
	var para []string
	first := true
	flush := func() {
		if len(para) == 0 {
			return
		}
		if !(first && len(para) == 1 && plainTitle(para[0])) {
			c.Turns = append(c.Turns, Turn{Text: strings.Join(para, " ")})
		}
		first, para = false, nil
	}
	for raw := range strings.Lines(string(data)) {
		line := strings.TrimSpace(raw)
		switch {
		case line == "":
			flush()
		case plainHeading.MatchString(line):
			flush()
			first = false
		default:
			para = append(para, line)
		}
	}
	flush()
	if len(c.Turns) == 0 {
		return nil, syntaxErr(name, "plain", 1, "no prose paragraphs")
	}
	return c, nil
}

// plainTitle reports whether a line is a title: short and without end
// punctuation.
func plainTitle(line string) bool {
	return len(strings.Fields(line)) <= 10 && !strings.ContainsAny(noteLastRune(line), ".?!,;:\"”")
}
