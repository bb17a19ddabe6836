package transcript

// How each line of a document around a conversation is taken on its own:
// a heading, a rule, a metadata line, the start of a notes section, or
// text that may be speech.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// docKind is what a line of a document is, judged on its own.
type docKind uint8

const (
	docText    docKind = iota // may be speech
	docBlank                  // nothing but white space
	docHeading                // "# Title", "## Transcript"
	docRule                   // "---", "***", "___", "==="
	docFence                  // "```", "~~~": opens or closes a code block
	docTable                  // "| key | value |"
	docMeta                   // "**Call ID:** X", "Date: February 3, 2024"
	docSection                // "## Notes", "**Call Notes:**", "Action items:"
	docBullet                 // "- item", "* item", "1. item"
)

// divider reports whether a line of this kind ends the conversation when
// no turn follows it.
func (k docKind) divider() bool {
	switch k {
	case docHeading, docRule, docFence, docTable, docMeta, docSection:
		return true
	}
	return false
}

// metaKeys are the keys of "Key: value" lines that describe a call rather
// than say anything in it. Words that label a speaker in transcripts
// ("Rep", "Agent", "Customer", "Host", "Speaker") are not among them.
var metaKeys = noteSet("call id", "id", "call", "call title", "title", "subject", "topic",
	"date", "call date", "meeting date", "date of call", "recorded", "recorded on", "recording date",
	"time", "start time", "end time", "duration", "length", "call length", "call duration",
	"outcome", "result", "status", "stage", "deal stage", "call outcome",
	"participants", "attendees", "speakers", "present", "invitees", "people",
	"call type", "type", "meeting type", "type of call", "call category",
	"company", "account", "account name", "organization", "organisation", "prospect company",
	"customer company", "client company", "industry", "product", "deal", "deal size", "deal value",
	"opportunity", "amount", "agenda", "location", "platform", "recording", "recording link",
	"source", "organizer", "organiser", "owner", "tags", "language", "transcript id", "meeting id",
	"meeting", "link", "url", "scenario", "context", "objective", "goal", "goals", "persona",
	"difficulty", "rating", "score", "sentiment", "next meeting", "follow-up date", "prepared by",
	"author", "version", "region", "segment", "lead source", "channel", "contact", "contact name",
	"email", "phone", "format", "medium", "call medium", "rep name", "sales rep name", "customer name",
	"prospect name", "timezone", "time zone")

// sectionWords name sections of notes about a call: after such a line
// comes no speech until the next turn.
var sectionWords = noteSet("notes", "note", "call notes", "meeting notes", "internal notes", "rep notes",
	"sales notes", "coach notes", "coaching notes", "coaching", "feedback", "summary", "call summary",
	"meeting summary", "executive summary", "ai summary", "key takeaways", "takeaways", "key points",
	"highlights", "next steps", "next step", "action items", "action item", "follow-ups", "follow-up",
	"follow ups", "follow up", "followups", "analysis", "call analysis", "observations",
	"recommendations", "what went well", "what went wrong", "what could be improved",
	"areas for improvement", "lessons learned", "lessons", "debrief", "scorecard", "evaluation",
	"assessment", "outcomes", "results", "review", "call review", "reflection", "commentary",
	"annotations", "tasks", "to-dos", "todos", "to do", "chapters", "keywords", "topics", "outline",
	"appendix", "resources", "references", "key moments", "questions asked", "objections",
	"objections raised", "strengths", "weaknesses", "improvements", "coaching tips", "tips")

// classifyDoc takes one line, white space trimmed, on its own.
func classifyDoc(s string) docKind {
	if s == "" {
		return docBlank
	}
	switch s[0] {
	case '#':
		if h, ok := headingText(s); ok {
			if sectionPhrase(h, true) {
				return docSection
			}
			return docHeading
		}
	case '`', '~':
		if strings.HasPrefix(s, "```") || strings.HasPrefix(s, "~~~") {
			return docFence
		}
	case '|':
		if len(s) > 1 && s[len(s)-1] == '|' {
			return docTable
		}
	case '-', '*', '_', '=':
		if isRule(s) {
			return docRule
		}
	}
	if key, value, ok := metaKeyValue(s); ok {
		switch {
		case metaKeys[key] && value != "":
			return docMeta
		case sectionPhrase(key, true):
			return docSection
		case metaKeys[key]:
			return docMeta
		}
	}
	if isBullet(s) {
		return docBullet
	}
	if len(s) <= 40 && sectionPhrase(strings.TrimSuffix(s, ":"), false) {
		return docSection
	}
	return docText
}

// headingText returns the text of a markdown heading line.
func headingText(s string) (string, bool) {
	n := 0
	for n < len(s) && s[n] == '#' {
		n++
	}
	if n > 6 || n < len(s) && s[n] != ' ' && s[n] != '\t' {
		return "", false
	}
	return strings.TrimSpace(strings.TrimRight(s[n:], "# \t")), true
}

// isRule reports whether s is a horizontal rule or a setext underline:
// three or more of one of - * _ =, perhaps with spaces between.
func isRule(s string) bool {
	c, n := s[0], 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// isBullet reports whether s is a list item: "- x", "* x", "+ x", "• x",
// "1. x", "2) x".
func isBullet(s string) bool {
	if len(s) < 2 {
		return false
	}
	switch s[0] {
	case '-', '*', '+':
		return s[1] == ' ' || s[1] == '\t'
	}
	if strings.HasPrefix(s, "•") {
		return true
	}
	i := 0
	for i < len(s) && i < 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && (s[i+1] == ' ' || s[i+1] == '\t')
}

// metaKeyValue splits "**Key:** value", "**Key**: value", "- **Key:**
// value" and "Key: value" into the key, lower-cased and without a note
// after a dash or in brackets, and the value.
func metaKeyValue(s string) (key, value string, ok bool) {
	if isBullet(s) && (s[0] == '-' || s[0] == '*' || s[0] == '+') {
		s = strings.TrimSpace(s[2:])
		if !strings.HasPrefix(s, "**") {
			return "", "", false
		}
	}
	if strings.HasPrefix(s, "**") {
		inner, after, found := strings.Cut(s[2:], "**")
		switch {
		case !found:
			return "", "", false
		case strings.HasSuffix(inner, ":"):
			key, value = inner[:len(inner)-1], after
		case strings.HasPrefix(after, ":"):
			key, value = inner, after[1:]
		case after == "":
			key = inner // "**Summary**" alone
		default:
			return "", "", false
		}
	} else {
		i := strings.IndexByte(s, ':')
		if i <= 0 || i > 40 || i+1 < len(s) && s[i+1] != ' ' && s[i+1] != '\t' {
			return "", "", false
		}
		key, value = s[:i], s[i+1:]
	}
	key = normalKey(key)
	return key, strings.TrimSpace(value), key != ""
}

// normalKey lower-cases a key and drops a note after it: "Call Notes -
// What Went Wrong" and "Attendees (3)" are "call notes" and "attendees".
func normalKey(key string) string {
	for _, sep := range []string{" - ", " – ", " — ", " (", " ["} {
		if i := strings.Index(key, sep); i > 0 {
			key = key[:i]
		}
	}
	key = strings.TrimSpace(key)
	if key == "" || len(key) > 40 {
		return ""
	}
	for _, r := range key {
		if !unicode.IsLetter(r) && r != ' ' && r != '-' && r != '\'' && r != '&' && r != '/' {
			return ""
		}
	}
	return strings.ToLower(key)
}

// sectionPhrase reports whether s names a section of notes. With loose,
// its first one to three words may name it ("Key takeaways from the
// call"); else the whole of it must.
func sectionPhrase(s string, loose bool) bool {
	s = strings.TrimSuffix(strings.TrimSpace(strings.Trim(s, "*_")), ":")
	if s == "" || len(s) > 80 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(r) {
		return false
	}
	lower := normalKey(s)
	if lower == "" {
		lower = strings.ToLower(s)
	}
	if sectionWords[lower] {
		return true
	}
	if !loose {
		return false
	}
	words := strings.Fields(lower)
	for n := min(3, len(words)); n >= 1; n-- {
		if sectionWords[strings.Join(words[:n], " ")] {
			return true
		}
	}
	return false
}

// isMetaOrSection reports whether a label's name is a metadata key or a
// section's name rather than a speaker.
func isMetaOrSection(name string) bool {
	key := normalKey(name)
	return metaKeys[key] || sectionWords[key]
}

// strayQuote removes what a copy from a web page leaves around a line: a
// "4: \"" before it or a quote at either end.
func strayQuote(s string) string {
	if i := strings.Index(s, `: "`); i > 0 && i <= 4 && isDigits(s[:i]) {
		s = s[i+3:]
	}
	s = strings.TrimPrefix(s, `"`)
	s = strings.TrimSuffix(s, `"`)
	return strings.TrimSpace(s)
}

// titleLine reports whether a line before anything else reads as a
// document's title or a header: short, and not a sentence.
func titleLine(s string) bool {
	return len(strings.Fields(s)) <= 12 && !strings.ContainsAny(noteLastRune(s), ".?!,;\"”")
}
