package transcript

import (
	"bytes"
	"path"
	"strings"
)

// srtFormat is the ID of SubRip transcripts.
const srtFormat = "srt"

// sniffSRT accepts cue timings whose milliseconds follow a ',' near the
// top of a file without a WEBVTT header; timings with '.' or none count
// as SRT only when the file is named .srt.
func sniffSRT(name string, data []byte) bool {
	data = bytes.TrimLeft(bytes.TrimPrefix(data, bom), " \t\r\n")
	if bytes.HasPrefix(data, []byte("WEBVTT")) {
		return false
	}
	sep, ok := firstTiming(data)
	return ok && (sep == ',' || strings.EqualFold(path.Ext(name), ".srt"))
}

// parseSRT reads SubRip cues: an index line, a timing line, text lines.
// A speaker is named by "Name: text", "[Name] text" or "- Name: text" at
// the start of a line; a line without one continues the speaker before.
func parseSRT(name string, data []byte) (*Call, error) {
	lines := splitLines(string(bytes.TrimPrefix(data, bom)))
	var cues []cue
	for i := 0; i < len(lines); {
		if strings.TrimSpace(lines[i]) == "" {
			i++
			continue
		}
		b := i
		for i < len(lines) && strings.TrimSpace(lines[i]) != "" {
			i++
		}
		block := lines[b:i]
		numbered := isDigits(strings.TrimSpace(block[0]))
		t := 0
		if numbered {
			t = 1
		}
		if t >= len(block) || !strings.Contains(block[t], "-->") {
			if numbered || len(cues) == 0 {
				return nil, syntaxErr(name, srtFormat, b+t+1, "expected a cue timing line like 00:00:01,000 --> 00:00:04,000")
			}
			// A blank line inside a cue's text: the text goes on.
			last := &cues[len(cues)-1]
			for _, line := range block {
				last.segs = append(last.segs, captionSeg(stripTags(line)))
			}
			continue
		}
		start, end, ok := cueTiming(block[t])
		if !ok {
			return nil, syntaxErr(name, srtFormat, b+t+1, "cue timing must be like 00:00:01,000 --> 00:00:04,000")
		}
		c := cue{start: start, end: end}
		for _, line := range block[t+1:] {
			c.segs = append(c.segs, captionSeg(stripTags(line)))
		}
		cues = append(cues, c)
	}
	return &Call{Turns: captionTurns(cues), Timed: true}, nil
}

// captionSeg reads one caption line: "Name: text", "- Name: text",
// "[Name] text", "[Name]: text", ">> NAME: text", or a line without a
// label.
func captionSeg(line string) cueSeg {
	s := strings.TrimSpace(line)
	seg := cueSeg{whole: s}
	if rest, ok := strings.CutPrefix(s, ">>"); ok {
		s, seg.strong = strings.TrimSpace(rest), true
	} else if rest, ok := strings.CutPrefix(s, "-"); ok {
		s = strings.TrimSpace(rest)
	}
	seg.whole = s
	if strings.HasPrefix(s, "[") {
		if name, rest, ok := strings.Cut(s[1:], "]"); ok {
			rest = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), ":"))
			if rest != "" && validName(strings.TrimSpace(name)) {
				seg.name, seg.rest = strings.TrimSpace(name), rest
			}
		}
		return seg
	}
	if name, rest, ok := cutLabel(s); ok {
		seg.name, seg.rest = name, rest
	}
	return seg
}

// isDigits reports whether s is a non-empty run of ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
