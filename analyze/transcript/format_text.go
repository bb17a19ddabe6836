package transcript

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// textFormat is the ID of "Name: text" transcripts.
const textFormat = "text"

// textLine is one line of a "Name: text" transcript, classified.
type textLine struct {
	label  bool    // the line starts with a speaker label or is a header block
	name   string  // the speaker, without a role annotation
	role   Role    // the role an annotation gave, if any
	rest   string  // the words after the label
	start  float64 // the timestamp before or in the label
	timed  bool    // whether the line carried a timestamp
	strong bool    // markdown, a timestamp or an annotation marks the label
}

// textLabel classifies one line: a header block ("0:03 - Name (Company)"),
// a speaker label ("Name: text", "**Name:** text", "[00:01:02] Name:
// text", "Name [prospect]: text") or neither.
func textLabel(line string) textLine {
	s := strings.TrimSpace(line)
	if name, ts, ok := headerBlock(s); ok {
		return textLine{label: true, name: name, start: ts, timed: true, strong: true}
	}
	var tl textLine
	if ts, rest, ok := cutTimestamp(s); ok {
		tl.start, tl.timed, tl.strong = ts, true, true
		s = strings.TrimLeft(rest, " \t-–—|")
	}
	var name, rest string
	if strings.HasPrefix(s, "**") {
		inner, after, found := strings.Cut(s[2:], "**")
		switch {
		case !found:
			return textLine{}
		case strings.HasSuffix(inner, ":"):
			name, rest = inner[:len(inner)-1], after
		case strings.HasPrefix(after, ":"):
			name, rest = inner, after[1:]
		default:
			return textLine{}
		}
		if !validName(name) {
			return textLine{}
		}
		tl.strong = true
	} else {
		var ok bool
		if name, rest, ok = cutLabel(s); !ok {
			return textLine{}
		}
	}
	tl.label, tl.rest = true, strings.TrimSpace(rest)
	tl.name, tl.role = roleOf(strings.TrimSpace(name))
	if tl.role != Unknown {
		tl.strong = true
	}
	return tl
}

// cutTimestamp splits a leading "00:01:02", "[00:01:02]" or "(00:01:02)"
// from s.
func cutTimestamp(s string) (sec float64, rest string, ok bool) {
	var tok string
	switch {
	case strings.HasPrefix(s, "[") || strings.HasPrefix(s, "("):
		closer := "]"
		if s[0] == '(' {
			closer = ")"
		}
		i := strings.Index(s, closer)
		if i < 0 || i > 16 {
			return 0, "", false
		}
		tok, rest = s[1:i], s[i+1:]
	default:
		i := strings.IndexAny(s, " \t")
		if i < 0 {
			return 0, "", false
		}
		tok, rest = s[:i], s[i:]
	}
	if !strings.Contains(tok, ":") {
		return 0, "", false
	}
	sec, ok = parseTimecode(tok)
	return sec, strings.TrimSpace(rest), ok
}

// headerBlock reads a line that only names who speaks next and when:
// "0:03 - Dana Whitfield (Acme)" or "Dana Whitfield (Acme) - 0:03".
func headerBlock(s string) (name string, sec float64, ok bool) {
	for _, mark := range []string{"-", "–", "—", "|"} {
		i := indexSpaced(s, mark)
		if i < 0 {
			continue
		}
		left, right := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+len(mark)+2:])
		if strings.Contains(left, ":") && !strings.Contains(right, ":") {
			left, right = right, left
		}
		if !strings.Contains(right, ":") || strings.Contains(left, ":") {
			return "", 0, false
		}
		if sec, ok = parseTimecode(right); ok && validName(left) {
			return left, sec, true
		}
		return "", 0, false
	}
	return "", 0, false
}

// indexSpaced returns the index of the first " "+mark+" " in s, or -1.
// It looks for the mark, which most lines hold seldom or never, rather
// than for the space the separator starts with, which they hold between
// every two words.
func indexSpaced(s, mark string) int {
	for from := 1; from < len(s); {
		j := strings.Index(s[from:], mark)
		if j < 0 {
			return -1
		}
		j += from
		if s[j-1] == ' ' && j+len(mark) < len(s) && s[j+len(mark)] == ' ' {
			return j - 1
		}
		from = j + 1
	}
	return -1
}

// sniffText reports whether the first lines hold at least two speaker
// labels, the first of them near the top (a title or header may come
// first). A label counts when it is strong, reads as a name, or names a
// speaker who is labelled again.
func sniffText(name string, data []byte) bool {
	const window, maxLines, firstWithin = 64 << 10, 200, 8
	s := string(data[:min(len(data), window)])
	counts := map[string]int{} // labels by name
	sure := 0
	nonBlank := 0
	for line := range strings.Lines(s) {
		if strings.TrimSpace(line) == "" {
			continue
		}
		nonBlank++
		if nonBlank > maxLines {
			break
		}
		tl := textLabel(line)
		if !tl.label || notSpeaker(tl.name) {
			continue
		}
		if len(counts) == 0 && nonBlank > firstWithin {
			return false
		}
		if tl.strong || nameLike(tl.name) {
			sure++
		}
		counts[tl.name]++
		// Two labels that count, whatever the lines after them hold.
		if sure >= 2 || counts[tl.name] > 1 {
			return true
		}
	}
	return false
}

// rawTurn is a turn of a text transcript before roles and ends are known.
type rawTurn struct {
	speaker string
	role    Role
	start   float64
	timed   bool
	parts   []string
}

// parseText reads "Name: text" lines; a line without a label continues
// the turn before it. Lines before the first label are a title or header
// unless they read as speech.
func parseText(name string, data []byte) (*Call, error) {
	lines := splitLines(string(data))
	infos := make([]textLine, len(lines))
	counts := map[string]int{}
	for i, line := range lines {
		if infos[i] = textLabel(line); infos[i].label {
			counts[infos[i].name]++
		}
	}
	var raws []rawTurn
	for i, line := range lines {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		tl := infos[i]
		speaks := tl.label && !notSpeaker(tl.name) &&
			(tl.strong || nameLike(tl.name) || counts[tl.name] > 1)
		if speaks && isSpeakerWord(tl.name) && annotationRole(tl.rest) != Unknown {
			// "Speaker: agent" gives the role of the turn it heads, or
			// of a new turn named after the role.
			role := annotationRole(tl.rest)
			if n := len(raws); n > 0 && len(raws[n-1].parts) == 0 && raws[n-1].role == Unknown {
				raws[n-1].role = role
				continue
			}
			speaker := tl.name
			if strings.EqualFold(speaker, "speaker") {
				speaker = strings.ToUpper(tl.rest[:1]) + strings.ToLower(tl.rest[1:])
			}
			raws = append(raws, rawTurn{speaker: speaker, role: role, start: tl.start, timed: tl.timed})
			continue
		}
		switch {
		case speaks:
			raws = append(raws, rawTurn{speaker: tl.name, role: tl.role, start: tl.start, timed: tl.timed})
			if tl.rest != "" {
				raws[len(raws)-1].parts = []string{tl.rest}
			}
		case len(raws) > 0 && noteMarkerLine(squeezeSpace(line)):
			// What a meeting tool writes between turns ("Recording
			// paused", "[Music]") is not the speaker's.
		case len(raws) > 0:
			raws[len(raws)-1].parts = append(raws[len(raws)-1].parts, line)
		case tl.label || titleLike(line):
			// A header before the first turn: "Date: ...", a title.
		default:
			raws = append(raws, rawTurn{parts: []string{line}})
		}
	}
	c := &Call{Timed: len(raws) > 0}
	roles := map[string]Role{}
	for _, r := range raws {
		if _, seen := roles[r.speaker]; !seen && r.role != Unknown {
			roles[r.speaker] = r.role
		}
		c.Timed = c.Timed && r.timed
	}
	c.RolesFromFile = len(roles) > 0
	var tl turnList
	for i, r := range raws {
		t := Turn{Speaker: r.speaker, Role: r.role, Text: strings.Join(r.parts, " ")}
		if t.Role == Unknown {
			t.Role = roles[r.speaker]
		}
		if c.Timed {
			t.Start, t.End = r.start, r.start
			if i+1 < len(raws) && raws[i+1].start > r.start {
				t.End = raws[i+1].start
			}
		}
		tl.add(t)
	}
	c.Turns = tl.done()
	return c, nil
}

// titleLike reports whether a line before the first turn reads as a title
// or header rather than speech: short, without a sentence's end.
func titleLike(line string) bool {
	return len(strings.Fields(line)) <= 12 && !strings.ContainsAny(line[len(line)-1:], ".?!")
}

// isSpeakerWord reports whether a label is a generic "Speaker" or
// "Speaker A" rather than a name.
func isSpeakerWord(name string) bool {
	f := strings.Fields(strings.ToLower(name))
	return len(f) > 0 && len(f) <= 2 && f[0] == "speaker"
}

// notSpeakers are words that stand before a colon in headers, notes and
// caption sound cues without naming anyone who speaks.
var notSpeakers = map[string]bool{
	"note": true, "notes": true, "nb": true, "ps": true, "p.s.": true,
	"summary": true, "subject": true, "re": true, "fyi": true, "tip": true,
	"warning": true, "caution": true, "important": true, "example": true,
	"update": true, "reminder": true, "disclaimer": true, "source": true,
	"title": true, "date": true, "time": true, "duration": true,
	"location": true, "attendees": true, "participants": true,
	"agenda": true, "recording": true, "meeting": true, "call": true,
	"transcript": true, "language": true, "kind": true, "topic": true,
	"music": true, "laughter": true, "laughs": true, "applause": true,
	"inaudible": true, "crosstalk": true, "silence": true, "noise": true,
}

// notSpeaker reports whether a label is a header or note, not a speaker.
func notSpeaker(name string) bool {
	base, _ := splitName(name)
	return notSpeakers[strings.ToLower(base)]
}

// maxLabel is the longest speaker label, in bytes, read before a colon.
const maxLabel = 80

// cutLabel splits "Name: text" at the first colon when what stands before
// it can be a speaker's name and a space or the line's end follows it.
func cutLabel(s string) (name, rest string, ok bool) {
	i := strings.IndexByte(s, ':')
	if i <= 0 || i > maxLabel {
		return "", "", false
	}
	name, rest = strings.TrimSpace(s[:i]), s[i+1:]
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return "", "", false
	}
	if !validName(name) {
		return "", "", false
	}
	return name, strings.TrimSpace(rest), true
}

// validName reports whether s can be a speaker label: one to five words
// starting with a letter, an optional "(annotation)" or "[annotation]",
// and no sentence punctuation.
func validName(s string) bool {
	if s == "" || len(s) > maxLabel || strings.ContainsAny(s, "?!;:,\"*<>{}=#|\\“”") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(r) {
		return false
	}
	base, _ := splitName(s)
	words := strings.Fields(base)
	if len(words) == 0 || len(words) > 5 {
		return false
	}
	for _, w := range words {
		// "Dr." and "Mrs." are names; "today." ends a sentence.
		if strings.HasSuffix(w, ".") && utf8.RuneCountInString(w) > 4 {
			return false
		}
	}
	return true
}

// nameParticles are the lower-case words inside people's names.
var nameParticles = map[string]bool{
	"de": true, "da": true, "di": true, "du": true, "van": true, "von": true,
	"der": true, "den": true, "la": true, "le": true, "del": true,
	"bin": true, "al": true, "el": true, "y": true, "ter": true,
}

// nameLike reports whether a label reads as a person's name or a generic
// speaker ("Speaker 2"): its words are capitalised.
func nameLike(s string) bool {
	base, _ := splitName(s)
	capital := false
	for _, w := range strings.Fields(base) {
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r):
			capital = true
		case unicode.IsDigit(r) || nameParticles[w]:
		default:
			return false
		}
	}
	return capital
}

// splitName splits "Name (note)" or "Name [note]" into the name and the
// note; note is "" when there is none.
func splitName(s string) (base, note string) {
	if n := len(s); n > 1 && (s[n-1] == ')' || s[n-1] == ']') {
		open := byte('(')
		if s[n-1] == ']' {
			open = '['
		}
		if i := strings.LastIndexByte(s, open); i > 0 {
			return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1 : n-1])
		}
	}
	return s, ""
}

// roleOf strips a role annotation ("Speaker A (agent)", "Dana [prospect]")
// from a label and returns the role it names.
func roleOf(label string) (string, Role) {
	base, note := splitName(label)
	if r := annotationRole(note); r != Unknown {
		return base, r
	}
	return label, Unknown
}
