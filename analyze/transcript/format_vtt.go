package transcript

import (
	"bytes"
	"html"
	"path"
	"strings"
)

// vttFormat is the ID of WebVTT transcripts.
const vttFormat = "webvtt"

// sniffVTT accepts a WEBVTT header, or, without one, cue timings whose
// milliseconds follow a '.' (SRT uses ','). Timings without milliseconds
// go to SRT only when the file is named .srt.
func sniffVTT(name string, data []byte) bool {
	data = bytes.TrimLeft(bytes.TrimPrefix(data, bom), " \t\r\n")
	if rest, ok := bytes.CutPrefix(data, []byte("WEBVTT")); ok {
		return len(rest) == 0 || strings.IndexByte(" \t\r\n", rest[0]) >= 0
	}
	sep, ok := firstTiming(data)
	return ok && sep != ',' && !strings.EqualFold(path.Ext(name), ".srt")
}

// firstTiming finds the first cue timing line ("... --> ...") near the
// top of data and returns the separator of its milliseconds: '.', ',' or
// 0 when it has none.
func firstTiming(data []byte) (sep byte, ok bool) {
	data = data[:min(len(data), 16<<10)]
	for n := 0; len(data) > 0 && n < 30; n++ {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		left, _, found := bytes.Cut(line, []byte("-->"))
		if !found {
			continue
		}
		left = bytes.TrimSpace(left)
		if len(left) == 0 || bytes.IndexByte(left, ':') < 0 || len(bytes.Trim(left, "0123456789:.,")) > 0 {
			return 0, false
		}
		switch {
		case bytes.IndexByte(left, ',') >= 0:
			return ',', true
		case bytes.IndexByte(left, '.') >= 0:
			return '.', true
		}
		return 0, true
	}
	return 0, false
}

// cueTiming reads "00:01:02.345 --> 00:01:05.000 align:start" (cue
// settings after the end time are ignored) into seconds.
func cueTiming(line string) (start, end float64, ok bool) {
	left, right, found := strings.Cut(line, "-->")
	if !found {
		return 0, 0, false
	}
	if start, ok = parseTimecode(left); !ok {
		return 0, 0, false
	}
	if end, ok = parseTimecode(firstField(right)); !ok {
		return 0, 0, false
	}
	return start, max(start, end), true
}

// parseVTT reads WebVTT cues. Speakers come from <v Name> voice tags or a
// "Name: text" label at the start of a cue line.
func parseVTT(name string, data []byte) (*Call, error) {
	lines := splitLines(string(bytes.TrimPrefix(data, bom)))
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	if i < len(lines) && strings.HasPrefix(lines[i], "WEBVTT") {
		i++
		for i < len(lines) && strings.TrimSpace(lines[i]) != "" && !strings.Contains(lines[i], "-->") {
			i++ // the rest of the header: "Kind: captions", ...
		}
	}
	var cues []cue
	for i < len(lines) {
		if strings.TrimSpace(lines[i]) == "" {
			i++
			continue
		}
		b := i
		for i < len(lines) && strings.TrimSpace(lines[i]) != "" {
			i++
		}
		block := lines[b:i]
		if kw := firstField(block[0]); !strings.Contains(block[0], "-->") &&
			(kw == "NOTE" || kw == "STYLE" || kw == "REGION") {
			continue
		}
		t := 0 // the timing line, after an optional cue identifier
		if !strings.Contains(block[0], "-->") {
			t = 1
		}
		if t >= len(block) || !strings.Contains(block[t], "-->") {
			switch {
			case len(cues) > 0 && len(cues[len(cues)-1].segs) == 0:
				// A cue's text, blank lines between it and its timing.
				last := &cues[len(cues)-1]
				*last = vttCue(last.start, last.end, block)
				continue
			case len(block) == 1 && nextHasTiming(lines, i):
				// A cue identifier, blank lines between it and its timing.
				continue
			}
			return nil, syntaxErr(name, vttFormat, b+t+1, "expected a cue timing line like 00:00:01.000 --> 00:00:04.000")
		}
		start, end, ok := cueTiming(block[t])
		if !ok {
			return nil, syntaxErr(name, vttFormat, b+t+1, "cue timing must be like 00:00:01.000 --> 00:00:04.000")
		}
		cues = append(cues, vttCue(start, end, block[t+1:]))
	}
	return &Call{Turns: captionTurns(cues), Timed: true}, nil
}

// nextHasTiming reports whether the first non-blank line from i on is a
// cue timing line.
func nextHasTiming(lines []string, i int) bool {
	for ; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) != "" {
			return strings.Contains(lines[i], "-->")
		}
	}
	return false
}

// vttCue splits a cue's text into segments by voice tag, or else by line.
func vttCue(start, end float64, text []string) cue {
	c := cue{start: start, end: end}
	for _, line := range text {
		// No line break falls inside "<v": the lines are searched one
		// by one, and joined only for a cue with voice tags.
		if strings.Contains(line, "<v") {
			c.segs = splitVoices(strings.Join(text, "\n"))
			return c
		}
	}
	for _, line := range text {
		c.segs = append(c.segs, captionSeg(stripTags(line)))
	}
	return c
}

// cue is one timed caption and what each speaker said in it.
type cue struct {
	start, end float64
	segs       []cueSeg
}

// cueSeg is a stretch of a cue: a voice span or a line.
type cueSeg struct {
	name   string // a voice name or a label that may name a speaker
	voiced bool   // name came from a voice tag: always a speaker
	strong bool   // the label was marked (">> NAME:")
	rest   string // the words after the label
	whole  string // the whole line, for when the label names no one
}

// captionTurns decides which labels name speakers (voice tags always;
// labels when they read as names or recur) and makes turns. A segment
// without a speaker continues the speaker before it when the file has
// labels at all.
func captionTurns(cues []cue) []Turn {
	counts := map[string]int{}
	for _, c := range cues {
		for _, s := range c.segs {
			if s.name != "" && !s.voiced {
				counts[s.name]++
			}
		}
	}
	speaks := func(s cueSeg) bool {
		return s.voiced || s.name != "" && !notSpeaker(s.name) &&
			(s.strong || nameLike(s.name) || counts[s.name] > 1)
	}
	labelled := false
	for _, c := range cues {
		for _, s := range c.segs {
			labelled = labelled || speaks(s)
		}
	}
	var tl turnList
	prev := ""
	for _, c := range cues {
		for _, s := range c.segs {
			t := Turn{Start: c.start, End: c.end, Text: s.whole}
			if speaks(s) {
				t.Speaker, t.Text, prev = s.name, s.rest, s.name
			} else if labelled {
				t.Speaker = prev
			}
			tl.add(t)
		}
	}
	return tl.done()
}

// splitVoices splits cue text at <v Name> and <v.class Name> tags; text
// before the first voice tag has no speaker. Other tags are removed.
func splitVoices(s string) []cueSeg {
	var segs []cueSeg
	var b strings.Builder
	cur := cueSeg{}
	flush := func() {
		text := stripTags(b.String())
		b.Reset()
		if strings.TrimSpace(text) != "" {
			cur.rest, cur.whole = text, text
			segs = append(segs, cur)
		}
	}
	gt := -2 // the next '>' at or after i; -1 when there is none
	for i := 0; i < len(s); {
		if s[i] == '<' {
			if gt != -1 && gt < i {
				if k := strings.IndexByte(s[i:], '>'); k >= 0 {
					gt = i + k
				} else {
					gt = -1
				}
			}
			if gt > i {
				if voice, ok := voiceName(s[i+1 : gt]); ok {
					flush()
					cur = cueSeg{name: voice, voiced: true}
					i = gt + 1
					continue
				}
			}
		}
		b.WriteByte(s[i])
		i++
	}
	flush()
	return segs
}

// voiceName reads the name in a voice tag's content: "v Name" or
// "v.loud.fast Name".
func voiceName(tag string) (string, bool) {
	rest, ok := strings.CutPrefix(tag, "v")
	if !ok || rest == "" || (rest[0] != ' ' && rest[0] != '\t' && rest[0] != '.') {
		return "", false
	}
	if rest[0] == '.' {
		i := strings.IndexAny(rest, " \t")
		if i < 0 {
			return "", false
		}
		rest = rest[i:]
	}
	name := strings.TrimSpace(html.UnescapeString(rest))
	return name, name != ""
}

// stripTags removes markup tags (<i>, </c>, <00:00:01.000>, <font ...>)
// and ASS overrides ({\an8}) and decodes character references (&amp;).
func stripTags(s string) string {
	if !strings.ContainsAny(s, "<{&") {
		return s
	}
	var b strings.Builder
	gt, brace := -2, -2 // the next '>' and '}' at or after i; -1: none
	next := func(i int, c byte, at *int) int {
		if *at != -1 && *at < i {
			if k := strings.IndexByte(s[i:], c); k >= 0 {
				*at = i + k
			} else {
				*at = -1
			}
		}
		return *at
	}
	for i := 0; i < len(s); {
		switch {
		case s[i] == '<':
			if j := next(i, '>', &gt); j > i+1 && isTag(s[i+1:j]) {
				i = j + 1
				continue
			}
		case s[i] == '{' && i+1 < len(s) && s[i+1] == '\\':
			if j := next(i, '}', &brace); j > i {
				i = j + 1
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return html.UnescapeString(b.String())
}

// isTag reports whether the text between '<' and '>' is a tag rather than
// prose such as "a < b and c > d".
func isTag(t string) bool {
	c := t[0]
	return c == '/' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// splitLines splits text at "\n", "\r\n" or "\r", without the line ends.
// It looks for the two bytes apart, each with a fast search for one byte,
// and keeps the place of the next newline, so that a file of carriage
// returns alone is read once, not once per line.
func splitLines(s string) []string {
	out := make([]string, 0, strings.Count(s, "\n")+1)
	nl := -1 // the next "\n" at or after start, or len(s) when there is none
	for start := 0; start < len(s); {
		if nl < start {
			nl = len(s)
			if k := strings.IndexByte(s[start:], '\n'); k >= 0 {
				nl = start + k
			}
		}
		end := nl
		if r := strings.IndexByte(s[start:nl], '\r'); r >= 0 {
			end = start + r
		}
		out = append(out, s[start:end])
		start = end + 1
		if s[end:] != "" && s[end] == '\r' && start < len(s) && s[start] == '\n' {
			start++
		}
	}
	return out
}

// turnList collects turns as they are read, with no empty turns and
// consecutive turns of one speaker and role joined: joining as it goes
// keeps long runs of one speaker linear (a Transcribe file is a turn per
// word). tidy does the rest: whitespace and meeting bots.
type turnList struct {
	turns []Turn
	parts [][]string
}

// add appends t, or joins it to the turn before when the speaker and
// role are the same.
func (l *turnList) add(t Turn) {
	if strings.TrimSpace(t.Text) == "" {
		return
	}
	if n := len(l.turns); n > 0 && l.turns[n-1].Speaker == t.Speaker && l.turns[n-1].Role == t.Role {
		l.parts[n-1] = append(l.parts[n-1], t.Text)
		l.turns[n-1].End = max(l.turns[n-1].End, t.End)
		return
	}
	l.turns = append(l.turns, t)
	l.parts = append(l.parts, []string{t.Text})
}

// done returns the turns with their texts joined.
func (l *turnList) done() []Turn {
	for i := range l.turns {
		l.turns[i].Text = strings.Join(l.parts[i], " ")
	}
	return l.turns
}
