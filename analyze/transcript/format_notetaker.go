package transcript

import (
	"bytes"
	"regexp"
	"strings"
)

// Meeting note-takers (Otter, Fireflies, Fathom, Teams and others) export
// text where a speaker's name stands on its own line and the words follow,
// wrapped at a fixed width:
//
//	Jane Doe  0:03
//	Thanks for making the time. I wanted to walk through what we
//	heard from your team last week.
//
// The name may carry a time after or before it ("Jane Doe - 00:01:02",
// "Jane Doe (Acme) 12:40", "00:01:02 Jane Doe") or on the next line, or
// none. Lines before the first speaker (a title, a date), and lines the tool
// inserts that are not speech (action items, screen sharing, chapter
// titles, "[Music]"), are dropped.

const (
	// noteSniffLimit is how much of a file sniffNotetaker reads.
	noteSniffLimit = 32 << 10
	// noteMaxHeader is the longest line, in bytes, that can be a speaker
	// header or a marker; longer lines are speech.
	noteMaxHeader = 160
)

// noteKind classifies one line of a note-taker export.
type noteKind uint8

const (
	noteText     noteKind = iota
	noteBlank             // an empty line
	noteMarker            // inserted by the tool, not speech
	noteSection           // starts a section that is not speech (action items, summary)
	noteTimeOnly          // a time or time range alone
	noteHeader            // a speaker's name, perhaps with a time
)

// noteLine is one line with what it was taken for.
type noteLine struct {
	text  string
	kind  noteKind
	named bool // the line could be a name alone
	name  string
	start float64
	timed bool
}

// noteBlock is one speaker's turn before tidying.
type noteBlock struct {
	name  string
	start float64
	timed bool
	text  string
}

const noteTime = `\d{1,2}(?::\d{1,2}){1,2}(?:[.,]\d{1,3})?`

var (
	noteNameTime  = regexp.MustCompile(`^(.+?)(?: ?[-–—|·•,] ?| )[\[(]?(` + noteTime + `)[\])]?$`)
	noteTimeName  = regexp.MustCompile(`^[\[(]?(` + noteTime + `)[\])]?(?: ?[-–—|·•] ?| )(.+)$`)
	noteTimeAlone = regexp.MustCompile(`^[\[(]?(` + noteTime + `)[\])]?(?: ?(?:-->|[-–—]|to) ?[\[(]?` + noteTime + `[\])]?)?$`)
	noteNumbered  = regexp.MustCompile(`^\d{1,4}[.)]? `)
	noteSectionRE = regexp.MustCompile(`(?i)^(?:action items?|next steps|follow[- ]?ups?|(?:key )?takeaways|(?:meeting )?summary|outline|overview|keywords|highlights|chapters|(?:meeting |ai )?notes|topics|tasks|to-?dos?)\s*:?$`)
	noteMarkerRE  = regexp.MustCompile(`(?i)^(?:` +
		`\[[^\]]{0,60}\]|\([^)]{0,60}\)|[♪♫].*|\d{1,5}` +
		`|(?:screen ?shar(?:e|ing)|recording|transcription|meeting|call)(?: has| was)? (?:started|stopped|ended|paused|resumed)\b.{0,30}` +
		`|(?:chapter|topic|section)\s*\d*\s*[:.\-–—]\s*.*|#{1,6}\s.*|[-=_*–—─]{3,}.*` +
		`|(?:[-*•]\s*)?\[[ xX✓]\]\s.*|[☐☑✅✔].*` +
		`|https?://\S+|view recording\b.*|transcribed by\b.*|(?:recorded|generated|created) (?:by|with|on|using)\b.*` +
		`|screen ?shar(?:e|ing)|presenting|recording(?: in progress)?|"+` +
		`)$`)
	// noteEventRE matches what a meeting tool writes when someone joins,
	// leaves, shares a screen or records; only short lines are taken.
	noteEventRE = regexp.MustCompile(`(?i)^.{0,50}\b(?:(?:started|stopped|paused|resumed|ended) (?:screen ?sharing|sharing (?:their|the|a|his|her) screen|the recording|recording|transcription|transcribing)|(?:joined|left) the (?:meeting|call|conversation)|shared (?:their|a|the|his|her) screen)\.?$`)
)

// sniffNotetaker accepts text whose first part holds at least two speaker
// blocks: two timed headers, or a name alone on its line that comes back.
func sniffNotetaker(name string, data []byte) bool {
	if noteStructured(data) {
		return false
	}
	if len(data) > noteSniffLimit {
		data = data[:noteSniffLimit]
		if i := bytes.LastIndexByte(data, '\n'); i > 0 {
			data = data[:i]
		}
	}
	if bytes.HasPrefix(bytes.TrimSpace(data), []byte("WEBVTT")) {
		return false
	}
	blocks, _ := readNotetaker(data)
	words := 0
	for _, b := range blocks {
		words += len(strings.Fields(b.text))
	}
	return len(blocks) >= 2 && words > 0
}

// noteStructured reports whether data starts as JSON or markup does, or
// holds nothing: a "[" counts only before a JSON value, so "[00:01:02]
// Jane Doe" is still text.
func noteStructured(data []byte) bool {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 {
		return true
	}
	switch trimmed[0] {
	case '{', '<':
		return true
	case '[':
		next := sttFirstByte(trimmed[1:])
		return next == 0 || strings.IndexByte("{[\"]", next) >= 0
	}
	return false
}

// parseNotetaker reads a note-taker export. The call is timed when every
// block has a time; a block ends where the next one starts, the last one
// after its words at 150 words a minute.
func parseNotetaker(name string, data []byte) (*Call, error) {
	blocks, timed := readNotetaker(data)
	if len(blocks) == 0 {
		return nil, syntaxErr(name, "notetaker", 1, "no line with a speaker's name")
	}
	c := &Call{Timed: timed}
	for i, b := range blocks {
		t := Turn{Speaker: b.name, Text: b.text}
		t.Speaker, t.Role = noteParty(c, b.name)
		if timed {
			t.Start = b.start
			if i+1 < len(blocks) && blocks[i+1].start >= b.start {
				t.End = blocks[i+1].start
			} else {
				t.End = b.start + float64(len(strings.Fields(b.text)))/2.5
			}
		}
		c.Turns = append(c.Turns, t)
	}
	return c, nil
}

// noteParty splits "Dana Reyes (Northwind)" into the speaker and the
// organisation, which it records in c.Parties, or "Dana Reyes (agent)"
// into the speaker and the role. A note that is neither (a host, a
// pronoun) stays out of both.
func noteParty(c *Call, label string) (string, Role) {
	name, note := splitName(label)
	if note == "" || name == "" {
		return label, Unknown
	}
	if r := annotationRole(note); r != Unknown {
		c.RolesFromFile = true
		return name, r
	}
	if !noteNotParty[strings.ToLower(note)] && !strings.ContainsAny(note, "/@") {
		if c.Parties == nil {
			c.Parties = map[string]string{}
		}
		c.Parties[name] = note
	}
	return name, Unknown
}

// noteNotParty are notes after a name that say what the person does in
// the meeting, not whom they are with.
var noteNotParty = noteSet("host", "co-host", "cohost", "guest", "organizer", "organiser", "presenter",
	"you", "me", "external", "internal", "moderator", "speaker", "participant", "attendee")

// readNotetaker finds the speaker blocks of a note-taker export and says
// whether every block has a time.
func readNotetaker(data []byte) (blocks []noteBlock, timed bool) {
	lines := classifyNoteLines(data)
	markNoteHeaders(lines)
	timed = true
	skipping := true
	prevBlank := false
	for _, l := range lines {
		switch l.kind {
		case noteHeader:
			blocks = append(blocks, noteBlock{name: l.name, start: l.start, timed: l.timed})
			timed = timed && l.timed
			skipping = false
		case noteSection:
			skipping = true
		case noteText:
			if skipping {
				break
			}
			b := &blocks[len(blocks)-1]
			switch {
			case b.text == "":
				b.text = l.text
			case !prevBlank && strings.HasSuffix(b.text, "-") && noteLowerStart(l.text):
				b.text += l.text
			default:
				b.text += " " + l.text
			}
		}
		prevBlank = l.kind == noteBlank
	}
	return blocks, timed && len(blocks) > 0
}

// noteMarkerLine reports whether a line, its white space squeezed, is one
// a meeting tool inserts: a bracketed sound, a recording or screen-share
// event, a chapter title, a link.
func noteMarkerLine(s string) bool {
	return len(s) <= noteMaxHeader && (noteMarkerRE.MatchString(s) || len(strings.Fields(s)) <= 8 && noteEventRE.MatchString(s))
}

// classifyNoteLines splits data into lines and classifies each on its own.
func classifyNoteLines(data []byte) []noteLine {
	var lines []noteLine
	for raw := range strings.SplitSeq(string(data), "\n") {
		s := strings.Join(strings.Fields(raw), " ")
		l := noteLine{text: s}
		if named := strayQuote(s); named != s && named != "" && len(named) <= noteMaxHeader {
			// A copy from a web page: "4: \"Dana Reyes" is a name.
			if name, ok := noteNameLine(named); ok {
				l.named, l.name = true, name
				lines = append(lines, l)
				continue
			}
		}
		switch {
		case s == "":
			l.kind = noteBlank
		case len(s) > noteMaxHeader:
			// Too long to be a name, a time or a tool's marker.
		case noteSectionRE.MatchString(s):
			l.kind = noteSection
		case noteTimeAlone.MatchString(s):
			l.kind = noteTimeOnly
			l.start, _ = parseTimecode(noteTimeAlone.FindStringSubmatch(s)[1])
		case noteMarkerLine(s):
			l.kind = noteMarker
		default:
			if name, start, ok := noteTimedHeader(s); ok {
				l.kind, l.name, l.start, l.timed = noteHeader, name, start, true
			} else if name, ok := noteNameLine(s); ok {
				l.named, l.name = true, name
			}
		}
		lines = append(lines, l)
	}
	return lines
}

// markNoteHeaders decides which name-alone lines are speaker headers, pairs
// names with a time on the line next to them, and drops chapter titles.
func markNoteHeaders(lines []noteLine) {
	// A name with its time on the next line, or after it.
	for i := 0; i+1 < len(lines); i++ {
		switch {
		case lines[i].named && lines[i+1].kind == noteTimeOnly:
			lines[i].kind, lines[i].start, lines[i].timed = noteHeader, lines[i+1].start, true
			lines[i+1].kind = noteMarker
		case lines[i].kind == noteTimeOnly && lines[i+1].named:
			lines[i+1].kind, lines[i+1].start, lines[i+1].timed = noteHeader, lines[i].start, true
			lines[i].kind = noteMarker
		}
	}
	known := map[string]bool{}
	for _, l := range lines {
		if l.kind == noteHeader {
			known[l.name] = true
		}
	}
	// next[i] is the index of the first line after i that is not blank or
	// a marker.
	next := make([]int, len(lines))
	n := len(lines)
	for i := len(lines) - 1; i >= 0; i-- {
		next[i] = n
		if k := lines[i].kind; k != noteBlank && k != noteMarker {
			n = i
		}
	}
	candidate := func(i int) bool {
		if !lines[i].named || lines[i].kind != noteText {
			return false
		}
		j := next[i]
		return j < len(lines) && lines[j].kind == noteText && !lines[j].named
	}
	count := map[string]int{}
	for i := range lines {
		if candidate(i) {
			count[lines[i].name]++
		}
	}
	seen := false
	for i := range lines {
		if lines[i].kind == noteHeader {
			seen = true
			continue
		}
		if !candidate(i) {
			continue
		}
		name := lines[i].name
		accept := known[name]
		if len(known) == 0 {
			accept = count[name] >= 2 || (seen && noteBoundary(lines, i))
		}
		if accept {
			lines[i].kind = noteHeader
			seen = true
		}
	}
	dropNoteChapters(lines)
}

// noteBoundary reports whether line i starts after a finished sentence or
// a blank line, as a speaker header does.
func noteBoundary(lines []noteLine, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch lines[j].kind {
		case noteBlank, noteHeader, noteSection:
			return true
		case noteText:
			return strings.ContainsAny(noteLastRune(lines[j].text), ".?!\"”'…)")
		}
	}
	return true
}

// dropNoteChapters marks chapter titles as markers where blocks are set
// apart by blank lines: a short line without end punctuation that stands
// between blank lines outside any block.
func dropNoteChapters(lines []noteLine) {
	headers, afterBlank := 0, 0
	for i, l := range lines {
		if l.kind == noteHeader && i > 0 {
			headers++
			if lines[i-1].kind == noteBlank {
				afterBlank++
			}
		}
	}
	if headers == 0 || afterBlank*2 < headers {
		return
	}
	for i := 1; i < len(lines); i++ {
		l := lines[i]
		if l.kind != noteText || lines[i-1].kind != noteBlank || !noteTitleLike(l.text) {
			continue
		}
		if i+1 == len(lines) || lines[i+1].kind == noteBlank || lines[i+1].kind == noteHeader {
			lines[i].kind = noteMarker
		}
	}
}
