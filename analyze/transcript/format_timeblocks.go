package transcript

import (
	"bytes"
	"strings"
)

// timeBlocksFormat is the ID of transcripts written as blocks that open
// with a time alone on its line and name the speaker after the words:
//
//	0:44
//	Hi Anita, good to see you again.
//	Speaker: Agent
//
//	0:50
//	Likewise.
//	Speaker: Prospect
//
// The speaker line may also come right after the time, or be missing.
// A role word names the side (Agent, Rep, Sales Rep, Seller: the seller;
// Prospect, Customer, Client, Buyer: the customer; any case) and the
// speaker is that role. "Speaker: Unknown", an empty "Speaker:" or no
// speaker line at all make a turn of UnknownSpeaker, on neither side.
const timeBlocksFormat = "time-blocks"

// timeBlocksSniffLines is how many non-blank lines sniffTimeBlocks reads.
const timeBlocksSniffLines = 300

// sniffTimeBlocks accepts text whose first lines hold at least two blocks
// that open with a time alone and end with a speaker line, and more such
// blocks than blocks that name the speaker first; a speaker line just
// before the first time means names head their blocks, which is not this
// layout. The first line that is not blank must be a time.
func sniffTimeBlocks(name string, data []byte) bool {
	// The document reading leaves the first time as the first line.
	first := bytes.TrimLeft(data, " \t\r\n")
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	if len(first) > 40 || !noteTimeAlone.Match(bytes.TrimSpace(first)) {
		return false
	}
	s := string(data[:min(len(data), 64<<10)])
	after, before, n := 0, 0, 0
	headFirst := false
	var block []string
	flush := func() {
		if len(block) >= 3 {
			if _, _, ok := speakerLine(block[len(block)-1]); ok {
				after++
			} else if _, _, ok := speakerLine(block[1]); ok {
				before++
			}
		}
		block = block[:0]
	}
	for line := range strings.Lines(s) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if n++; n > timeBlocksSniffLines {
			break
		}
		if noteTimeAlone.MatchString(line) {
			flush()
		} else if len(block) == 0 {
			// Before the first time: a speaker line here heads the
			// block below it ("Agent" / "0:03" / words), another layout.
			_, _, headFirst = speakerLine(line)
			continue
		}
		block = append(block, line)
	}
	flush()
	return after >= 2 && after > before && !headFirst
}

// speakerLine reads "Speaker: Agent", "Speaker: Dana Lee", "Speaker:",
// "Speaker: Unknown" or a role word alone into the speaker and the role.
func speakerLine(s string) (speaker string, role Role, ok bool) {
	rest := s
	if len(s) >= 8 && strings.EqualFold(s[:7], "speaker") && (s[7] == ':' || s[7] == ' ') {
		rest = strings.TrimSpace(strings.TrimLeft(s[7:], ": \t-"))
		if rest == "" || strings.EqualFold(rest, "unknown") {
			return UnknownSpeaker, Unknown, true
		}
		if r := annotationRole(rest); r != Unknown {
			return titleWords(rest), r, true
		}
		if !validName(rest) {
			return "", Unknown, false
		}
		name, r := roleOf(rest)
		return name, r, true
	}
	if strings.EqualFold(s, "speaker") || strings.EqualFold(s, "speaker:") || strings.EqualFold(s, "unknown") {
		return UnknownSpeaker, Unknown, true
	}
	if r := annotationRole(rest); r != Unknown {
		return titleWords(rest), r, true
	}
	return "", Unknown, false
}

// titleWords writes each word of s with a capital and the rest lower-case:
// "sales REP" is "Sales Rep".
func titleWords(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// parseTimeBlocks reads the blocks. Lines before the first time are not
// read. A block ends where the next one starts; the last one after its
// words at 150 words a minute.
func parseTimeBlocks(name string, data []byte) (*Call, error) {
	type block struct {
		start float64
		lines []string
	}
	var blocks []block
	for _, raw := range splitLines(string(data)) {
		line := strings.TrimSpace(raw)
		if line == "" {
			continue
		}
		if m := noteTimeAlone.FindStringSubmatch(line); m != nil {
			start, _ := parseTimecode(m[1])
			blocks = append(blocks, block{start: start})
			continue
		}
		if len(blocks) > 0 {
			b := &blocks[len(blocks)-1]
			b.lines = append(b.lines, line)
		}
	}
	if len(blocks) == 0 {
		return nil, syntaxErr(name, timeBlocksFormat, 1, "no line with a time alone, like 0:44")
	}
	c := &Call{Timed: true}
	turns := make([]Turn, 0, len(blocks))
	roles := map[string]Role{} // a role one line gives a speaker is theirs throughout
	for i, b := range blocks {
		t := Turn{Speaker: UnknownSpeaker, Start: b.start}
		words := b.lines
		if n := len(words); n > 0 {
			if sp, role, ok := speakerLine(words[n-1]); ok {
				t.Speaker, t.Role, words = sp, role, words[:n-1]
			} else if sp, role, ok := speakerLine(words[0]); ok {
				t.Speaker, t.Role, words = sp, role, words[1:]
			}
		}
		if _, seen := roles[t.Speaker]; !seen && t.Role != Unknown {
			roles[t.Speaker] = t.Role
		}
		t.Text = strings.Join(words, " ")
		if i+1 < len(blocks) && blocks[i+1].start >= b.start {
			t.End = blocks[i+1].start
		} else {
			t.End = b.start + float64(len(strings.Fields(t.Text)))/2.5
		}
		turns = append(turns, t)
	}
	c.RolesFromFile = len(roles) > 0
	var tl turnList
	for _, t := range turns {
		if t.Role == Unknown {
			t.Role = roles[t.Speaker]
		}
		tl.add(t)
	}
	c.Turns = tl.done()
	return c, nil
}
