package transcript

// The words in a speaker label that say which side of the call the
// speaker is on, and the words that say something else about them (a job
// title, a pronoun, a meeting role) and are neither a side nor a company.

import (
	"strings"
	"unicode"
)

// sideWords are the role words a speaker label may be, or hold as one
// part of it ("Sales Rep", "agent", "Sales Rep (Alex)", "Customer - Dana",
// "Dana (AE, Northwind)"), with the side each one names. A word decides
// only when it is a whole part of the label, so a buyer's job title that
// holds one ("VP Sales") names no side. "Advisor" and "Consultant" name
// the seller only with "sales" before them: alone they are as often the
// buyer's. "Caller" is left out: on an inbound line the caller buys, on a
// cold call the caller sells, and a wrong side stated with certainty is
// worse than one inferred with a confidence.
var sideWords = map[string]Role{
	"sales rep": Seller, "sales representative": Seller, "rep": Seller, "salesperson": Seller,
	"sales person": Seller, "salesman": Seller, "saleswoman": Seller, "sales": Seller,
	"ae": Seller, "account executive": Seller, "account exec": Seller,
	"sdr": Seller, "sales development rep": Seller, "sales development representative": Seller,
	"bdr": Seller, "business development rep": Seller, "business development representative": Seller,
	"agent": Seller, "sales agent": Seller, "seller": Seller, "vendor": Seller,
	"sales advisor": Seller, "sales adviser": Seller, "sales consultant": Seller,

	"prospect": Customer, "customer": Customer, "client": Customer, "buyer": Customer,
	"lead": Customer, "potential customer": Customer, "prospective customer": Customer,
	"prospective client": Customer, "potential client": Customer,
}

// labelRole returns the side a part of a label names: a side word, perhaps
// numbered ("Agent 2", "Customer B"), in any case. It is Unknown for
// anything else.
func labelRole(part string) Role {
	s := strings.ToLower(strings.TrimSpace(part))
	if !plainWords(s) {
		s = strings.Join(strings.Fields(labelSeparators.Replace(s)), " ")
	}
	if r, ok := sideWords[s]; ok {
		return r
	}
	if i := strings.LastIndexByte(s, ' '); i > 0 && speakerNumber(s[i+1:]) {
		return sideWords[s[:i]]
	}
	return Unknown
}

// plainWords reports whether s is words of ASCII letters and digits with
// one space between them, as most labels are: nothing to normalise.
func plainWords(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c >= 'A' && c <= 'Z':
		case c == ' ' && i > 0 && i < len(s)-1 && s[i+1] != ' ':
		default:
			return false
		}
	}
	return true
}

// labelSeparators are the characters that part the words of a label like
// spaces ("sales-rep", "SALES_REP").
var labelSeparators = strings.NewReplacer("-", " ", "_", " ")

// annotationRole returns the side a role annotation names ("Speaker:
// agent", "Dana [prospect]", "Speaker A (agent)"): a side word, as in a
// label, or "caller", which an annotation of a contact-centre recording
// gives the buyer who rang in (in a label alone it is left out, see
// sideWords).
func annotationRole(note string) Role {
	if strings.EqualFold(strings.TrimSpace(note), "caller") {
		return Customer
	}
	return labelRole(note)
}

// speakerNumber reports whether w numbers a generic speaker: digits, or one
// letter ("B").
func speakerNumber(w string) bool {
	if len(w) == 1 && w[0] >= 'a' && w[0] <= 'z' {
		return true
	}
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return w != ""
}

// jobTitleWords mark a part of a label as a job title ("VP Sales", "Head of
// Operations", "CFO"), which is neither a company nor, unless it is a
// side word, a side.
var jobTitleWords = lowerSet("ceo", "cfo", "cto", "coo", "cmo", "cro", "cio", "ciso", "cpo", "vp", "svp",
	"evp", "avp", "vice", "president", "director", "manager", "head", "founder", "co-founder",
	"cofounder", "owner", "officer", "chief", "engineer", "analyst", "specialist", "coordinator",
	"administrator", "admin", "architect", "developer", "consultant", "advisor", "adviser",
	"associate", "assistant", "intern", "recruiter", "lead", "principal", "chair", "chairman",
	"partner", "controller", "treasurer", "buyer", "purchaser", "procurement", "ops", "operations",
	"executive", "representative", "rep", "sales", "marketing", "finance", "it", "hr")

// labelNoteWords are what meeting tools and people put in brackets after a
// name that is neither a company nor a side: a pronoun, a meeting role.
var labelNoteWords = lowerSet("he/him", "she/her", "they/them", "he/they", "she/they", "they/she",
	"they/he", "he", "she", "they", "host", "co-host", "cohost", "guest", "me", "you",
	"external", "internal", "organizer", "organiser", "presenter", "unverified", "moderator",
	"panelist", "attendee", "participant", "mobile", "phone", "dial-in", "audio only")

// jobTitle reports whether a part of a label reads as a job title.
func jobTitle(part string) bool {
	for _, w := range strings.Fields(strings.ToLower(part)) {
		if jobTitleWords[strings.Trim(w, ".,;&")] {
			return true
		}
	}
	return false
}

// labelCompany returns the company among the parts of a bracketed note (the
// last part that is not a side word, a job title or a meeting note), or
// "" when there is none: "(VP Sales, Northwind)" -> "Northwind".
func labelCompany(parts []string) string {
	for i := len(parts) - 1; i >= 0; i-- {
		p := parts[i]
		if p == "" || labelRole(p) != Unknown || jobTitle(p) || labelNoteWords[strings.ToLower(p)] || strings.Contains(p, "/") {
			continue
		}
		return p
	}
	return ""
}

// placeholderName reports whether a name is a placeholder a tool gives
// ("Speaker 1", "spk_0", "Participant 2", "Guest") rather than a person's.
func placeholderName(name string) bool {
	f := strings.Fields(strings.ToLower(name))
	if len(f) == 0 || len(f) > 2 {
		return false
	}
	switch strings.TrimRight(f[0], "_0123456789") {
	case "speaker", "spk", "participant", "guest", "person", "voice", "channel", "ch", "caller":
		return true
	}
	return false
}
