package transcript

// What a document's metadata lines say about the call: its date, its
// type when a key states it, and who attended for which organisation.

import (
	"regexp"
	"strings"
	"time"
)

// docInfo is what the skipped metadata of a document states.
type docInfo struct {
	date      string // YYYY-MM-DD
	callType  string // one of the sidecar's call types
	attendees []attendee
}

// attendee is one person an attendee list names, with the organisation
// their note gives ("VP Sales, Harbor Health"), if any.
type attendee struct {
	name, company string
	// side is the side the attendee's job title names ("Account
	// Executive", "AE", "Sales Rep": the seller), Unknown for any other.
	side Role
}

// meta reads the metadata lines among the skipped lines, with the list
// that follows a key without a value.
func (d *document) meta() docInfo {
	var m docInfo
	for i := 0; i < len(d.lines); i++ {
		if !d.skip[i] {
			continue
		}
		s := d.text(i)
		if classifyDoc(s) != docMeta {
			continue
		}
		key, value, _ := metaKeyValue(s)
		switch key {
		case "date", "call date", "meeting date", "date of call", "recorded on", "recording date":
			if m.date == "" {
				m.date = docDate(value)
			}
		case "call type", "type", "meeting type", "type of call", "call category":
			if m.callType == "" {
				m.callType = docCallType(value)
			}
		case "participants", "attendees", "speakers", "present", "invitees", "people":
			if value != "" {
				for _, part := range splitOutside(value, ',', ';') {
					m.attendees = appendAttendee(m.attendees, part)
				}
				continue
			}
			for j := i + 1; j < len(d.lines); j++ {
				t := d.text(j)
				if t == "" {
					continue
				}
				if classifyDoc(t) != docBullet {
					break
				}
				m.attendees = appendAttendee(m.attendees, strings.TrimSpace(strings.TrimLeft(t, "-*+•0123456789.)")))
				i = j
			}
		}
	}
	return m
}

// splitOutside splits s at any of seps that stand outside brackets.
func splitOutside(s string, seps ...rune) []string {
	var out []string
	depth, from := 0, 0
	for i, r := range s {
		switch {
		case r == '(' || r == '[':
			depth++
		case (r == ')' || r == ']') && depth > 0:
			depth--
		case depth == 0 && strings.ContainsRune(string(seps), r):
			out = append(out, s[from:i])
			from = i + len(string(r))
		}
	}
	return append(out, s[from:])
}

// appendAttendee reads "Mia Torres (VP Sales, Harbor Health)", "Owen Reed
// (AE, Ledgerline)", "Maria (Ledgerline Account Executive)" or a bare name.
func appendAttendee(list []attendee, s string) []attendee {
	s = strings.TrimSpace(strings.ReplaceAll(s, "**", ""))
	if s == "" {
		return list
	}
	name, note := splitName(s)
	if sep := strings.Index(name, " - "); sep > 0 && note == "" {
		name, note = name[:sep], name[sep+3:] // "Mia Torres - VP Sales, Harbor Health"
	}
	name = strings.TrimSpace(name)
	if !validName(name) {
		return list
	}
	return append(list, attendee{name: name, company: companyOf(note), side: labelRole(titleOf(note))})
}

// titleWord is one word of a job title: a core word ("Executive", "VP",
// "AE") or a word that qualifies one ("Senior", "Sales", "Account").
const titleWord = `(?:senior|sr\.?|junior|jr\.?|lead|chief|head|vp|svp|evp|avp|director|manager|founder|co-founder|` +
	`owner|president|partner|principal|associate|regional|global|enterprise|mid-market|strategic|sales|` +
	`account|solutions|customer|success|revenue|marketing|operations|ops|finance|it|technical|product|` +
	`engineering|business|development|procurement|purchasing|hr|people|field|inside|channel|ceo|cfo|` +
	`cro|cto|coo|cmo|cio|ciso|ae|sdr|bdr|se|csm|am|executive|engineer|representative|rep|specialist|` +
	`consultant|advisor|analyst|coordinator|officer|administrator|architect|buyer|champion|&|and|of)`

var (
	// wholeTitle matches a note that is a job title alone.
	wholeTitle = regexp.MustCompile(`(?i)^\s*(?:` + titleWord + `\s+)*` + titleWord + `\s*$`)
	// titleSuffix matches a job title at the end of "Ledgerline Account
	// Executive": it ends in a core word.
	titleSuffix = regexp.MustCompile(`(?i)(?:^|\s)(?:` + titleWord + `\s+)*(?:executive|engineer|representative|rep|manager|director|` +
		`specialist|consultant|advisor|analyst|coordinator|officer|ae|sdr|bdr|se|csm|am|vp|ceo|cfo|cro|cto|coo|cmo|cio|founder|owner|president|partner|lead)\s*$`)
)

// companyOf returns the organisation in an attendee's note: the part
// after the last comma ("VP Sales, Harbor Health"), or what stands before
// a job title ("Ledgerline Account Executive"); "" when the note is a job
// title alone.
func companyOf(note string) string {
	note = strings.TrimSpace(note)
	if note == "" {
		return ""
	}
	if i := strings.LastIndex(note, ","); i >= 0 {
		if c := strings.TrimSpace(note[i+1:]); c != "" && !wholeTitle.MatchString(c) {
			return c
		}
		return ""
	}
	if wholeTitle.MatchString(note) {
		return ""
	}
	if loc := titleSuffix.FindStringIndex(note); loc != nil {
		return strings.TrimSpace(note[:loc[0]])
	}
	return ""
}

// titleOf returns the job title in an attendee's note: what stands before
// the last comma ("AE, Ledgerline"), the note when it is a title alone, or
// the title that ends it ("Ledgerline Account Executive").
func titleOf(note string) string {
	note = strings.TrimSpace(note)
	if i := strings.LastIndex(note, ","); i >= 0 {
		return strings.TrimSpace(note[:i])
	}
	if wholeTitle.MatchString(note) {
		return note
	}
	if loc := titleSuffix.FindStringIndex(note); loc != nil {
		return strings.TrimSpace(note[loc[0]:loc[1]])
	}
	return ""
}

// dateLayouts are the ways a document writes a call's date.
var dateLayouts = []string{"2006-01-02", "2006/01/02", "January 2, 2006", "Jan 2, 2006", "January 2 2006",
	"Jan 2 2006", "2 January 2006", "2 Jan 2006", "Monday, January 2, 2006", "Mon, Jan 2, 2006",
	"Monday, 2 January 2006", "Mon, 2 Jan 2006", "Jan. 2, 2006"}

// docDate reads a date into YYYY-MM-DD, or "" when it is none of the
// known layouts (numeric day-month orders are ambiguous and left out).
func docDate(s string) string {
	s = strings.TrimSpace(s)
	for _, cut := range []string{" at ", " · ", " | ", " - ", "T"} {
		if i := strings.Index(s, cut); i >= 8 {
			s = strings.TrimSpace(s[:i])
		}
	}
	s = strings.TrimRight(s, ".")
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02")
		}
	}
	return ""
}

// callTypeWords map what a document calls a call to the sidecar's types.
var callTypeWords = []struct{ word, callType string }{
	{"practice", CallPractice}, {"role play", CallPractice}, {"roleplay", CallPractice}, {"role-play", CallPractice},
	{"cold", CallCold}, {"prospecting", CallCold}, {"outbound", CallCold},
	{"inbound", CallInbound},
	{"discovery", CallDiscovery}, {"qualification", CallDiscovery},
	{"demo", CallDemo}, {"demonstration", CallDemo},
	{"follow-up", CallFollowUp}, {"follow up", CallFollowUp}, {"followup", CallFollowUp}, {"check-in", CallFollowUp},
	{"closing", CallClosing}, {"close", CallClosing}, {"negotiation", CallClosing},
}

// docCallType maps a stated call type to one of the sidecar's, or "".
func docCallType(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, w := range callTypeWords {
		if s == w.word || strings.HasPrefix(s, w.word+" ") || strings.HasPrefix(s, w.word+"_") ||
			strings.Contains(s, " "+w.word+" ") || strings.HasSuffix(s, " "+w.word) {
			return w.callType
		}
	}
	if s == CallFollowUp {
		return CallFollowUp
	}
	return ""
}

// applyDocMeta fills what the document stated and the call does not hold
// yet: the date, the call type, and the organisation of each speaker an
// attendee list names (by full name, or by a first name only one
// attendee has).
func applyDocMeta(c *Call, m docInfo) {
	if c.Meta.Date == "" && m.date != "" {
		c.Meta.Date = m.date
	}
	if c.Meta.CallType == "" && m.callType != "" {
		c.Meta.CallType, c.CallTypeSource = m.callType, "document"
	}
	if len(m.attendees) == 0 {
		return
	}
	firsts := map[string]int{}
	for _, a := range m.attendees {
		firsts[strings.ToLower(firstField(a.name))]++
	}
	sides := map[string]Role{}
	for _, s := range c.Speakers() {
		for _, a := range m.attendees {
			if a.company == "" && a.side == Unknown {
				continue
			}
			full := strings.EqualFold(s, a.name)
			first := !strings.Contains(s, " ") && strings.EqualFold(s, firstField(a.name)) && firsts[strings.ToLower(s)] == 1
			if !full && !first {
				continue
			}
			if a.side != Unknown {
				sides[s] = a.side
			}
			if a.company == "" {
				break
			}
			if c.Parties == nil {
				c.Parties = map[string]string{}
			}
			if _, set := c.Parties[s]; !set {
				c.Parties[s] = a.company
			}
			break
		}
	}
	// An attendee list that gives the seller's job title ("Maria (Ledgerline
	// Account Executive)") states the sides, as a label's role word does.
	if len(sides) == 0 || c.RolesFromFile {
		return
	}
	for i := range c.Turns {
		if r, ok := sides[c.Turns[i].Speaker]; ok && c.Turns[i].Role == Unknown {
			c.Turns[i].Role = r
		}
	}
	c.RolesFromFile = true
}
