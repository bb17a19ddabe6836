package transcript

// Role is the side of the call a speaker is on.
type Role string

// The roles a turn can have.
const (
	Unknown  Role = ""
	Seller   Role = "seller"
	Customer Role = "customer"
)

// Call is one transcript: who spoke, when, and what they said.
//
// Times are in seconds from the start of the call. A Call read from a
// format without timestamps has Timed false and zero times.
type Call struct {
	ID     string `json:"id"`
	Source string `json:"source,omitempty"`
	// Format is the ID of the format the transcript was read as.
	Format string `json:"format,omitempty"`
	Meta   Meta   `json:"meta"`
	Turns  []Turn `json:"turns"`
	// Timed says whether the turns carry start and end times.
	Timed bool `json:"-"`
	// RolesFromFile says whether the file itself stated the roles
	// (Contact Lens AGENT, "Speaker: agent" annotations, own JSON roles).
	RolesFromFile bool `json:"-"`
	// Parties maps a speaker to the organisation the file says they belong
	// to (an e-mail domain, a company in the label, a Gong affiliation),
	// when it says so: speakers of one party are on one side. It never
	// holds an e-mail address.
	Parties map[string]string `json:"-"`
	// CallTypeSource says where Meta.CallType came from when the file
	// itself stated it ("document"); "" when a sidecar set it or nobody did.
	CallTypeSource string `json:"-"`
	// SpeakersFromSidecar says whether Meta's seller and customer
	// speakers came from a sidecar (else from the file itself).
	SpeakersFromSidecar bool `json:"-"`
	// Skipped is what of the document was not read as speech: a title,
	// metadata, headings, notes around the conversation.
	Skipped Skipped `json:"skipped,omitzero"`
}

// Meta is what is known about a call apart from its words: from the
// sidecar .meta.json, the file itself, or flags.
type Meta struct {
	Rep              string   `json:"rep,omitempty"`
	Account          string   `json:"account,omitempty"`
	Date             string   `json:"date,omitempty"`
	CallType         string   `json:"call_type,omitempty"`
	SellerSpeakers   []string `json:"seller_speakers,omitempty"`
	CustomerSpeakers []string `json:"customer_speakers,omitempty"`
	Agenda           string   `json:"agenda,omitempty"`
}

// Call types a sidecar may name.
const (
	CallCold      = "cold"
	CallDiscovery = "discovery"
	CallDemo      = "demo"
	CallFollowUp  = "follow_up"
	CallClosing   = "closing"
	CallInbound   = "inbound"
	CallPractice  = "practice"
)

// Turn is one stretch of speech by one speaker.
type Turn struct {
	Speaker string  `json:"speaker"`
	Role    Role    `json:"role,omitempty"`
	Start   float64 `json:"start"`
	End     float64 `json:"end"`
	Text    string  `json:"text"`
}

// Speakers returns the distinct speaker names in order of first appearance.
func (c *Call) Speakers() []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range c.Turns {
		if !seen[t.Speaker] {
			seen[t.Speaker] = true
			out = append(out, t.Speaker)
		}
	}
	return out
}

// Duration returns the call's length in seconds, or 0 when it has no times.
func (c *Call) Duration() float64 {
	if !c.Timed || len(c.Turns) == 0 {
		return 0
	}
	first, last := c.Turns[0].Start, 0.0
	for _, t := range c.Turns {
		if t.Start < first {
			first = t.Start
		}
		if t.End > last {
			last = t.End
		}
	}
	if last < first {
		return 0
	}
	return last - first
}
