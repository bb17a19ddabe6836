package transcript

// Who the speakers are: one person under every label that names them,
// the side a label's role word gives, and the company a label names.

import (
	"strings"
)

// UnknownSpeaker names the turns of a file that marks a stretch of speech
// as said by nobody known ("Speaker: Unknown", or no speaker line at all).
// Such turns have Role Unknown; they belong to neither side and do not
// count as a speaker of the conversation.
const UnknownSpeaker = "Unknown"

// IsUnknownSpeaker reports whether a speaker is nobody in particular
// ("Unknown", "Unknown speaker"): such speech is on neither side, is left
// out of the measures of either side, and is no third party of the call.
func IsUnknownSpeaker(name string) bool {
	switch strings.ToLower(squeezeSpace(name)) {
	case "unknown", "unknown speaker", "unidentified speaker", "unidentified":
		return true
	}
	return false
}

// speakerLabel is what one speaker label says about its speaker.
type speakerLabel struct {
	name    string // the person's name, or the label when it names no one
	role    Role   // the side a role word in the label names
	company string // the company the label names, "" when none
}

// readLabel reads a speaker label: "Sales Rep (Alex)", "Alex (Sales
// Rep)", "Customer - Dana", "Dana (Northwind)", "Dana (CFO, Northwind)",
// "Speaker 1 (Agent)", "Agent", or a plain name.
func readLabel(label string) speakerLabel {
	s := squeezeSpace(label)
	if base, note := cutNote(s); note != "" && base != "" {
		parts := strings.Split(note, ",")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		if r := labelRole(base); r != Unknown && parts[0] != "" && !placeholderName(parts[0]) && labelRole(parts[0]) == Unknown && !labelNoteWords[strings.ToLower(parts[0])] {
			// A role with the person in brackets: "Sales Rep (Alex)".
			return speakerLabel{name: parts[0], role: r, company: labelCompany(parts[1:])}
		}
		l := speakerLabel{name: base, role: labelRole(base)}
		for _, p := range parts {
			if r := labelRole(p); r != Unknown {
				l.role = r
			}
		}
		if l.role == Unknown && placeholderName(base) {
			// "Speaker 1 (Dana)" says nothing this reader can use.
			return speakerLabel{name: s, role: labelRole(s)}
		}
		l.company = labelCompany(parts)
		return l
	}
	for _, sep := range []string{" - ", " – ", " — ", " | ", ", "} {
		left, right, ok := strings.Cut(s, sep)
		if !ok || left == "" || right == "" {
			continue
		}
		lr, rr := labelRole(left), labelRole(right)
		switch {
		case lr != Unknown && rr == Unknown:
			return speakerLabel{name: right, role: lr}
		case rr != Unknown && lr == Unknown:
			return speakerLabel{name: left, role: rr}
		}
	}
	return speakerLabel{name: s, role: labelRole(s)}
}

// SpeakerName returns the name a speaker label comes to after Parse:
// the person it names, without a role word or company ("Sales Rep (Alex)"
// and "Alex (Northwind)" are "Alex").
func SpeakerName(label string) string {
	return readLabel(label).name
}

// nameSpeakers runs after a format's parser. It drops speakers that only
// make a recorder's announcement, gives the text under a tool's marker
// line ("Screen sharing") back to the speaker before it, makes one
// speaker of every label that names the same person (case aside), sets
// the side a label's role word names on turns the parser left without
// one (and Call.RolesFromFile), and records the company a label names in
// Call.Parties. A name given two different sides is two people: those
// labels are left as they are. It reports whether any turn's speaker
// changed or turn was dropped, so that turns are tidied again. A call
// whose labels are plain names is read once and left as it is.
func nameSpeakers(c *Call) bool {
	// Every speaker once, in order, and whether all they say is a
	// recorder's announcement (read until they say something else).
	index := map[string]int{}
	var labels []string
	var announcer []bool
	for _, t := range c.Turns {
		i, ok := index[t.Speaker]
		if !ok {
			i = len(labels)
			index[t.Speaker] = i
			labels = append(labels, t.Speaker)
			announcer = append(announcer, true)
		}
		if announcer[i] {
			announcer[i] = isAnnouncement(t.Text)
		}
	}
	type person struct {
		display string
		roles   map[Role]bool
		company string
	}
	people := map[string]*person{} // by lower-case name
	read := make([]speakerLabel, len(labels))
	who := make([]*person, len(labels))
	marker := make([]bool, len(labels))
	for i, s := range labels {
		switch {
		case announcer[i] || s == "" || IsUnknownSpeaker(s):
			continue
		case IsToolMarker(s):
			marker[i] = true
			continue
		}
		l := readLabel(s)
		key := strings.ToLower(l.name)
		p := people[key]
		if p == nil {
			p = &person{display: l.name, roles: map[Role]bool{}}
			people[key] = p
		}
		if l.role != Unknown {
			p.roles[l.role] = true
		}
		if p.company == "" {
			p.company = l.company
		}
		read[i], who[i] = l, p
	}
	for i, s := range labels {
		if p := who[i]; p != nil && len(p.roles) <= 1 && s != p.display {
			moveParty(c, s, p.display)
		}
	}
	for _, p := range people {
		if p.company != "" && len(p.roles) <= 1 {
			if c.Parties == nil {
				c.Parties = map[string]string{}
			}
			if _, set := c.Parties[p.display]; !set {
				c.Parties[p.display] = p.company
			}
		}
	}
	pass := false // whether any turn is to change
	for i, s := range labels {
		p := who[i]
		pass = pass || announcer[i] || marker[i] || p != nil && (s != p.display || len(p.roles) > 0)
	}
	if !pass {
		return false
	}
	changed := false
	out := c.Turns[:0]
	for _, t := range c.Turns {
		i := index[t.Speaker]
		switch p := who[i]; {
		case announcer[i]:
			changed = true
			continue
		case marker[i]:
			t.Speaker, t.Role = UnknownSpeaker, Unknown
			if n := len(out); n > 0 {
				t.Speaker, t.Role = out[n-1].Speaker, out[n-1].Role
			}
			changed = true
		case p == nil:
		case len(p.roles) > 1:
			// One name on both sides: two people, kept apart by their labels.
			if t.Role == Unknown && read[i].role != Unknown {
				t.Role, c.RolesFromFile = read[i].role, true
			}
		default:
			if t.Speaker != p.display {
				t.Speaker, changed = p.display, true
			}
			for r := range p.roles {
				if t.Role == Unknown {
					t.Role, c.RolesFromFile = r, true
				}
			}
		}
		out = append(out, t)
	}
	c.Turns = out
	return changed
}

// moveParty files the party recorded for a label under the speaker's
// name, unless the name has one already.
func moveParty(c *Call, label, name string) {
	party, ok := c.Parties[label]
	if !ok {
		return
	}
	delete(c.Parties, label)
	if _, set := c.Parties[name]; !set {
		c.Parties[name] = party
	}
}
