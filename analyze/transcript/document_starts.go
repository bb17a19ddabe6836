package transcript

// Which lines of a document start a turn, whatever the format: what the
// conversation runs from and to.

import (
	"bytes"
	"strings"
)

// structuralStart reports whether a line starts a turn by its form alone:
// a WEBVTT header, a cue timing, a time alone on its line, a header that
// names a speaker with a time, or a label after a timestamp.
func structuralStart(s string) bool {
	if s == "" {
		return false
	}
	if strings.HasPrefix(s, "WEBVTT") {
		return true
	}
	if strings.Contains(s, "-->") {
		_, _, ok := cueTiming(s)
		return ok
	}
	c, last := s[0], s[len(s)-1]
	if !(c >= '0' && c <= '9' || c == '[' || c == '(' || c == '@' || last >= '0' && last <= '9' || last == ']' || last == ')') {
		return false
	}
	if _, _, ok := cutTimestamp(s); ok && textLabel(s).label {
		return true
	}
	if len(s) > noteMaxHeader {
		return false // too long for a time alone or a header
	}
	if noteTimeAlone.MatchString(s) {
		return true
	}
	if _, _, ok := noteTimedHeader(s); ok {
		return true
	}
	_, _, ok := headerBlock(s)
	return ok
}

// starts reports whether line i starts a turn: by its form, or as a
// speaker's label or a name alone on its line that the document holds
// again.
func (d *document) starts(i int) bool {
	s := d.text(i)
	if s == "" {
		return false
	}
	if structuralStart(s) {
		return true
	}
	if tl := textLabel(s); tl.label {
		switch key := normalKey(tl.name); {
		case notSpeaker(tl.name) || sectionWords[key]:
			return false
		case metaKeys[key]:
			return d.speakerKey(tl.name)
		}
		return d.recurs(tl.name, false)
	}
	name, ok := noteNameLine(strayQuote(s))
	if !ok || isMetaOrSection(name) || noteMarkerLine(s) {
		return false
	}
	// A name alone heads the words below it, or a time and then the
	// words; not another name.
	for j := i + 1; j < len(d.lines) && j < i+4; j++ {
		if t := d.text(j); t != "" {
			if noteTimeAlone.MatchString(t) {
				return true
			}
			if _, named := noteNameLine(t); named || structuralStart(t) {
				return false
			}
			break
		}
	}
	return d.recurs(name, true)
}

// recurs reports whether name labels more than one line of the document:
// followed by a colon, "**" or a note in brackets, or (alone) on a line
// of its own. Past maxRecurSearches names it is taken as recurring.
func (d *document) recurs(name string, alone bool) bool {
	key := name
	if alone {
		key = "\n" + name
	}
	if r, ok := d.recur[key]; ok {
		return r
	}
	if d.tries >= maxRecurSearches {
		return true
	}
	d.tries++
	seen := 0
	data := d.data
	for off := 0; off < len(data); {
		k := bytes.Index(data[off:], []byte(name))
		if k < 0 {
			break
		}
		at := off + k
		off = at + len(name)
		before, after := byte('\n'), byte('\n')
		if at > 0 {
			before = data[at-1]
		}
		if off < len(data) {
			after = data[off]
		}
		var ok bool
		if alone {
			ok = (before == '\n' || before == '"' || before == ' ') && (after == '\n' || after == '\r' || after == '"')
		} else {
			ok = (before == '\n' || before == '*' || before == ' ' || before == '\t' || before == ']') &&
				(after == ':' || after == '*' || after == ' ' && off+1 < len(data) && (data[off+1] == '(' || data[off+1] == '['))
		}
		if ok {
			seen++
			if seen > 1 {
				break
			}
		}
	}
	d.recur[key] = seen > 1
	return seen > 1
}
