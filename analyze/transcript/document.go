package transcript

import (
	"bytes"
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
	// keyLines counts the lines metadata keys label, up to speakerKeyLines.
	keyLines map[string]int
}

// text returns line i, white space trimmed.
func (d *document) text(i int) string {
	return strings.TrimSpace(string(d.data[d.lines[i].start:d.lines[i].end]))
}

// readDocument finds the conversation in a document the way a person
// does, before any format reads it. A transcript often comes inside a
// document: a title, a block of metadata, headings and rules, the
// dialogue (perhaps in a code block), then notes, a summary, action
// items. The rule:
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
//
// It takes data with its BOM removed and returns data with
// every skipped line blanked (data itself when nothing is skipped), what
// was skipped, and the document's metadata. JSON, markup and files whose
// lines end in a carriage return alone are left whole.
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
	if d.markup(first, end, "#*|`~-_=") || d.plainNotes(first+1, end) {
		d.inside(first, end)
	}
}

// plainNotes reports whether any of lines [lo, hi) is a plain "Key: value"
// line whose key names metadata or a notes section ("Date: 2025-02-10",
// "Note: screen shared here"), which a conversation without markup may
// hold between its turns. Each distinct key is looked up once: most lines
// of a transcript are labelled turns of a few speakers.
func (d *document) plainNotes(lo, hi int) bool {
	known := map[string]bool{}
	for _, l := range d.lines[lo:hi] {
		line := bytes.TrimLeft(d.data[l.start:l.end], " \t")
		k := bytes.IndexByte(line, ':')
		if k <= 0 || k > 40 {
			continue
		}
		notes, ok := known[string(line[:k])]
		if !ok {
			notes = isMetaOrSection(string(line[:k]))
			known[string(line[:k])] = notes
		}
		if notes {
			return true
		}
	}
	return false
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
			if d.plainLabel(i) {
				continue
			}
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

// plainLabel reports whether line i, a plain "Key: value" line, has a key
// that is a speaker's label (see speakerKey): a speaker called "Contact"
// in a dialer's export, whose words are not the call's metadata.
func (d *document) plainLabel(i int) bool {
	s := d.text(i)
	if strings.HasPrefix(s, "**") || isBullet(s) {
		return false
	}
	key, _, _ := strings.Cut(s, ":")
	return d.speakerKey(strings.TrimSpace(key))
}

// speakerKey reports whether a metadata key labels at least
// speakerKeyLines lines of the document: a document states its date or
// its contact once or twice, a speaker talks more often.
func (d *document) speakerKey(key string) bool {
	if n, ok := d.keyLines[key]; ok {
		return n >= speakerKeyLines
	}
	label := []byte(key + ":")
	n := 0
	for _, l := range d.lines {
		if bytes.HasPrefix(bytes.TrimLeft(d.data[l.start:l.end], " \t"), label) {
			if n++; n >= speakerKeyLines {
				break
			}
		}
	}
	if d.keyLines == nil {
		d.keyLines = map[string]int{}
	}
	d.keyLines[key] = n
	return n >= speakerKeyLines
}

// speakerKeyLines is how many lines a metadata key must label to be taken
// for a speaker's label.
const speakerKeyLines = 3

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
