package transcript

// A transcript often comes inside a document: a title, a block of
// metadata, headings and rules, the dialogue (perhaps in a code block),
// then notes, a summary, action items. Parse finds the conversation the
// way a person does, before any format reads it:
//
//   - A document holds one conversation: the run of labelled turns, from
//     the first line that starts a turn (a "Name:" label of a speaker who
//     is labelled again, a cue timing, a time alone on its line, a timed
//     header, a name alone on its line that comes back) to the last one
//     and the lines that continue it.
//   - Lines before the first turn are skipped. After the last turn, the
//     first heading, rule, code-fence marker, table, metadata line or
//     notes section ends the conversation: it and every line after it are
//     skipped. Inside, headings, rules, fence markers, tables, metadata
//     lines ("**Call ID:** X") and notes sections up to the next turn are
//     skipped; any other line continues the turn before it.
//   - When a code block holds the turns and the text around it does not,
//     the conversation is in the code block and everything around it is
//     skipped.
//   - A document without any turn (a practice pitch in prose) loses its
//     title, headings, metadata and whatever follows the first notes
//     section or metadata line after the prose.
//
// Skipped lines are blanked, so that the format's parser reads the rest
// with the file's own line numbers, and counted in Call.Skipped. They are
// never quoted, counted as speech or refused for. The metadata among them
// fills Call.Meta (date, call type) and Call.Parties (document_meta.go).

import (
	"bytes"
	"slices"
	"strings"
)

// maxRecurSearches bounds how many speaker names a document is searched
// for, so that a file of many one-off labels stays linear.
const maxRecurSearches = 64

// docLine is one line of a document: its bytes without the line end.
type docLine struct {
	start, end int
}

// document is a file read as lines, with what was found in it.
type document struct {
	data  []byte
	lines []docLine
	skip  []bool
	recur map[string]bool // names searched for, and whether they come back
	tries int
}

// text returns line i, white space trimmed.
func (d *document) text(i int) string {
	return strings.TrimSpace(string(d.data[d.lines[i].start:d.lines[i].end]))
}

// readDocument finds the conversation in data (BOM removed). It returns
// data with every skipped line blanked (data itself when nothing is
// skipped), what was skipped, and the document's metadata.
func readDocument(data []byte) ([]byte, Skipped, docInfo) {
	if noteStructured(data) || loneCR(data) {
		return data, Skipped{}, docInfo{}
	}
	d := &document{data: data, lines: splitDocLines(data), recur: map[string]bool{}}
	d.skip = make([]bool, len(d.lines))
	lo, hi := d.fenced()
	d.region(lo, hi)
	skipped := d.skipped()
	if skipped.Lines == 0 {
		return data, skipped, docInfo{}
	}
	return d.blanked(), skipped, d.meta()
}

// loneCR reports whether data ends lines with a carriage return alone,
// which the line reading here does not follow: such a file is left whole.
func loneCR(data []byte) bool {
	cr := bytes.Count(data, []byte("\r"))
	return cr > 0 && cr != bytes.Count(data, []byte("\r\n"))
}

// splitDocLines splits data at "\n"; a "\r" before it is not part of the
// line.
func splitDocLines(data []byte) []docLine {
	out := make([]docLine, 0, bytes.Count(data, []byte("\n"))+1)
	for start := 0; start < len(data); {
		end := len(data)
		next := end
		if k := bytes.IndexByte(data[start:], '\n'); k >= 0 {
			end, next = start+k, start+k+1
		}
		line := docLine{start: start, end: end}
		if end > start && data[end-1] == '\r' {
			line.end--
		}
		out = append(out, line)
		start = next
	}
	return out
}

// markup reports whether any of lines [lo, hi) starts, after white
// space, with one of chars: the first byte of a heading, a rule, a fence,
// a table or bold text. Looking at the first byte of each line costs far
// less than searching the text for these marks.
func (d *document) markup(lo, hi int, chars string) bool {
	for _, l := range d.lines[lo:hi] {
		i := l.start
		for i < l.end && (d.data[i] == ' ' || d.data[i] == '\t') {
			i++
		}
		if i < l.end && strings.IndexByte(chars, d.data[i]) >= 0 {
			return true
		}
	}
	return false
}

// region finds the conversation among lines [lo, hi) and marks what is
// not speech.
func (d *document) region(lo, hi int) {
	first := -1
	for i := lo; i < hi; i++ {
		if d.starts(i) {
			first = i
			break
		}
	}
	if first < 0 {
		d.prose(lo, hi)
		return
	}
	// A cue number belongs to the cue.
	if first > lo && isDigits(d.text(first-1)) && strings.Contains(d.text(first), "-->") {
		first--
	}
	for i := lo; i < first; i++ {
		d.skip[i] = true
	}
	end := hi // the first line of what follows the conversation
	for i := hi - 1; i > first; i-- {
		if d.starts(i) {
			break
		}
		if classifyDoc(d.text(i)).divider() {
			end = i
		}
	}
	for i := end; i < hi; i++ {
		d.skip[i] = true
	}
	if d.markup(first, end, "#*|`~-_=") {
		d.inside(first, end)
	}
}

// inside marks what is plainly not speech between the first line of the
// conversation and end: headings, rules, fence markers, tables,
// metadata lines with their lists, and notes sections up to the next turn.
func (d *document) inside(first, end int) {
	for i := first + 1; i < end; i++ {
		switch classifyDoc(d.text(i)) {
		case docHeading, docRule, docFence, docTable:
			d.skip[i] = true
		case docMeta:
			d.skip[i] = true
			if _, value, _ := metaKeyValue(d.text(i)); value == "" {
				i = d.skipList(i+1, end) - 1
			}
		case docSection:
			d.skip[i] = true
			for i+1 < end && !d.starts(i+1) {
				i++
				d.skip[i] = true
			}
		}
	}
}

// skipList marks the list items from line i on, blank lines between them
// included, and returns the line after the list.
func (d *document) skipList(i, end int) int {
	for j := i; j < end; j++ {
		switch classifyDoc(d.text(j)) {
		case docBullet:
			d.skip[j] = true
			i = j + 1
		case docBlank:
		default:
			return i
		}
	}
	return i
}

// prose marks the title, headings and metadata of a document without
// turns, and everything from its first notes section or metadata line
// after the prose on. A document of title-like lines alone keeps them.
func (d *document) prose(lo, hi int) {
	i := lo
	listed := false // a list may follow the line before: a key, a heading
	var titles []int
	for ; i < hi; i++ {
		s := d.text(i)
		k := classifyDoc(s)
		if k == docBlank {
			continue
		}
		title := k == docText && titleLine(s)
		if !(k != docText && k != docBullet || k == docBullet && listed || title) {
			break
		}
		if title {
			titles = append(titles, i)
		}
		d.skip[i] = true
		if k != docBullet {
			listed = k != docText
		}
	}
	if i == hi {
		for _, t := range titles {
			d.skip[t] = false
		}
		return
	}
	for j := i; j < hi; j++ {
		switch classifyDoc(d.text(j)) {
		case docMeta, docSection:
			for ; j < hi; j++ {
				d.skip[j] = true
			}
		case docHeading, docRule, docFence, docTable:
			d.skip[j] = true
		}
	}
}

// fenced returns the lines a conversation in code blocks spans, and marks
// everything around those blocks; with no such code block it returns the
// whole document.
func (d *document) fenced() (lo, hi int) {
	n := len(d.lines)
	if !d.markup(0, n, "`~") {
		return 0, n
	}
	type block struct{ open, close, starts int }
	var blocks []block
	outside := 0
	open := -1
	for i := 0; i < n; i++ {
		s := d.text(i)
		if classifyDoc(s) == docFence {
			if open < 0 {
				open = i
			} else {
				blocks = append(blocks, block{open: open, close: i})
				open = -1
			}
			continue
		}
		if d.looksLikeStart(s) {
			if open >= 0 {
				continue // counted per block below
			}
			outside++
		}
	}
	if open >= 0 {
		blocks = append(blocks, block{open: open, close: n})
	}
	best := 0
	for b := range blocks {
		for i := blocks[b].open + 1; i < blocks[b].close; i++ {
			if d.looksLikeStart(d.text(i)) {
				blocks[b].starts++
			}
		}
		best = max(best, blocks[b].starts)
	}
	if best < 2 || best < outside {
		return 0, n
	}
	keep := make([]bool, n)
	lo, hi = -1, 0
	for _, b := range blocks {
		if b.starts < 2 {
			continue
		}
		if lo < 0 {
			lo = b.open + 1
		}
		hi = b.close
		for i := b.open + 1; i < b.close; i++ {
			keep[i] = true
		}
	}
	for i := range keep {
		d.skip[i] = !keep[i]
	}
	return lo, hi
}

// looksLikeStart reports whether a line starts a turn in any layout, not
// asking whether a labelled speaker comes back: it counts turns inside and
// outside code blocks.
func (d *document) looksLikeStart(s string) bool {
	if structuralStart(s) {
		return true
	}
	tl := textLabel(s)
	return tl.label && !notSpeaker(tl.name) && !isMetaOrSection(tl.name)
}

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
		return !notSpeaker(tl.name) && !isMetaOrSection(tl.name) && d.recurs(tl.name, false)
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

// blanked returns the data with the skipped lines emptied, their line
// ends kept.
func (d *document) blanked() []byte {
	out := make([]byte, 0, len(d.data))
	for i, l := range d.lines {
		next := len(d.data)
		if i+1 < len(d.lines) {
			next = d.lines[i+1].start
		}
		if d.skip[i] {
			out = append(out, d.data[l.end:next]...)
		} else {
			out = append(out, d.data[l.start:next]...)
		}
	}
	return out
}
