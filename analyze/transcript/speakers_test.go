package transcript

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestReadLabel(t *testing.T) {
	for _, tc := range []struct {
		label   string
		name    string
		role    Role
		company string
	}{
		{"Sales Rep (Alex)", "Alex", Seller, ""},
		{"Alex (Sales Rep)", "Alex", Seller, ""},
		{"sales rep (alex)", "alex", Seller, ""},
		{"Customer - Dana", "Dana", Customer, ""},
		{"Dana – Prospect", "Dana", Customer, ""},
		{"Client, Dana Wu", "Dana Wu", Customer, ""},
		{"Agent", "Agent", Seller, ""},
		{"agent", "agent", Seller, ""},
		{"AGENT 2", "AGENT 2", Seller, ""},
		{"Customer B", "Customer B", Customer, ""},
		{"Salesperson", "Salesperson", Seller, ""},
		{"AE", "AE", Seller, ""},
		{"SDR", "SDR", Seller, ""},
		{"Account Executive", "Account Executive", Seller, ""},
		{"Sales Consultant", "Sales Consultant", Seller, ""},
		{"Buyer", "Buyer", Customer, ""},
		{"Lead", "Lead", Customer, ""},
		{"Speaker 1 (Agent)", "Speaker 1", Seller, ""},
		{"Speaker 2 [customer]", "Speaker 2", Customer, ""},
		{"Dana Park (Northwind)", "Dana Park", Unknown, "Northwind"},
		{"Dana Park (CFO, Northwind)", "Dana Park", Unknown, "Northwind"},
		{"Dana Park (Account Executive, Ledgerline)", "Dana Park", Seller, "Ledgerline"},
		{"Sales Rep (Alex, Ledgerline)", "Alex", Seller, "Ledgerline"},
		// A buyer's title that holds a role word names no side.
		{"Mia Torres (VP Sales, Harbor Health)", "Mia Torres", Unknown, "Harbor Health"},
		{"Mia Torres (Head of Sales Operations, Harbor Health)", "Mia Torres", Unknown, "Harbor Health"},
		// Advisors and consultants sell only when the label says sales.
		{"Advisor", "Advisor", Unknown, ""},
		{"Consultant", "Consultant", Unknown, ""},
		// Callers are on either side.
		{"Caller", "Caller", Unknown, ""},
		// Surnames that are role words are names.
		{"Jordan Buyer", "Jordan Buyer", Unknown, ""},
		{"Ana Sales", "Ana Sales", Unknown, ""},
		// Brackets that are neither a company nor a side.
		{"Dana Park (she/her)", "Dana Park", Unknown, ""},
		{"Dana Park (Guest)", "Dana Park", Unknown, ""},
		{"Dana Park (CFO)", "Dana Park", Unknown, ""},
		{"Speaker 1 (Dana)", "Speaker 1 (Dana)", Unknown, ""},
		{"Dana Park", "Dana Park", Unknown, ""},
		{"  Dana   Park ", "Dana Park", Unknown, ""},
		{"Agent (, Northwind)", "Agent", Seller, "Northwind"},
	} {
		t.Run(tc.label, func(t *testing.T) {
			got := readLabel(tc.label)
			if got.name != tc.name || got.role != tc.role || got.company != tc.company {
				t.Errorf("readLabel(%q) = %q %q %q, want %q %q %q", tc.label, got.name, got.role, got.company, tc.name, tc.role, tc.company)
			}
			if n := SpeakerName(tc.label); n != tc.name {
				t.Errorf("SpeakerName(%q) = %q, want %q", tc.label, n, tc.name)
			}
		})
	}
}

// labelledCall builds a call from "Name: text" lines, split at the first ": ",
// so a test can hold any label a format may give.
func labelledCall(ls ...string) *Call {
	c := &Call{}
	for _, l := range ls {
		name, text, _ := strings.Cut(l, ": ")
		c.Turns = append(c.Turns, Turn{Speaker: name, Text: text})
	}
	return c
}

// TestNameSpeakers runs what Parse runs after a format's parser on calls
// whose labels name one person several ways, state sides and companies,
// and checks who the speakers come to be.
func TestNameSpeakers(t *testing.T) {
	type turnWant struct {
		speaker string
		role    Role
	}
	for _, tc := range []struct {
		name          string
		call          *Call
		turns         []turnWant
		parties       map[string]string
		rolesFromFile bool
	}{
		{"role then the name alone",
			labelledCall("Sales Rep (Alex): Hi Jordan, thanks for the time.", "Jordan: Sure.", "Alex: What made you take the call?"),
			[]turnWant{{"Alex", Seller}, {"Jordan", Unknown}, {"Alex", Seller}}, nil, true},
		{"one role word in two cases",
			labelledCall("Agent: Hello, how can I help?", "Prospect: I saw your pricing page.", "agent: Which plan?", "prospect: The team one."),
			[]turnWant{{"Agent", Seller}, {"Prospect", Customer}, {"Agent", Seller}, {"Prospect", Customer}}, nil, true},
		{"role and name joined after merging",
			labelledCall("Customer - Dana: We need this by June.", "Dana: And within budget.", "Rep: Understood."),
			[]turnWant{{"Dana", Customer}, {"Rep", Seller}}, nil, true},
		{"generic speakers with roles",
			labelledCall("Speaker 1 (Agent): Thanks for calling.", "Speaker 2: Hi, I have a question.", "Speaker 1: Go ahead."),
			[]turnWant{{"Speaker 1", Seller}, {"Speaker 2", Unknown}, {"Speaker 1", Seller}}, nil, true},
		{"companies become parties",
			labelledCall("Dana Park (Northwind): Thanks both for joining.", "Lee Chen (CFO, Harbor Health): Glad to.", "Mia Ortiz (Harbor Health): Hi Dana."),
			[]turnWant{{"Dana Park", Unknown}, {"Lee Chen", Unknown}, {"Mia Ortiz", Unknown}},
			map[string]string{"Dana Park": "Northwind", "Lee Chen": "Harbor Health", "Mia Ortiz": "Harbor Health"}, false},
		{"a title with a role word and a company",
			labelledCall("Dana Park (AE, Northwind): Thanks for joining.", "Lee Chen (VP Sales, Harbor Health): Glad to.", "Dana Park: Shall we start?"),
			[]turnWant{{"Dana Park", Seller}, {"Lee Chen", Unknown}, {"Dana Park", Seller}},
			map[string]string{"Dana Park": "Northwind", "Lee Chen": "Harbor Health"}, true},
		{"one name on both sides is two people",
			labelledCall("Sam (Agent): How can I help?", "Sam (Customer): I have a question about my bill."),
			[]turnWant{{"Sam (Agent)", Seller}, {"Sam (Customer)", Customer}}, nil, true},
		{"a role the parser gave stands",
			&Call{Turns: []Turn{{Speaker: "Dana", Role: Customer, Text: "Hi."}, {Speaker: "Agent", Text: "Hello."}}},
			[]turnWant{{"Dana", Customer}, {"Agent", Seller}}, nil, true},
		{"an unknown speaker is on no side",
			labelledCall("Hana Vos: Shall we start?", "Unknown speaker: Sorry, who just joined?", "Rowan Gong: Yes, go ahead."),
			[]turnWant{{"Hana Vos", Unknown}, {"Unknown speaker", Unknown}, {"Rowan Gong", Unknown}}, nil, false},
		{"a marker first is nobody's",
			labelledCall("Recording started: so as I was saying.", "Hana Vos: Right.", "Rowan Gong: Go on."),
			[]turnWant{{"Unknown", Unknown}, {"Hana Vos", Unknown}, {"Rowan Gong", Unknown}}, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.call
			tidy(c)
			if nameSpeakers(c) {
				tidy(c)
			}
			var got []turnWant
			for _, tt := range c.Turns {
				got = append(got, turnWant{tt.Speaker, tt.Role})
			}
			if !slices.Equal(got, tc.turns) {
				t.Errorf("turns = %v, want %v", got, tc.turns)
			}
			if !maps.Equal(c.Parties, tc.parties) {
				t.Errorf("parties = %v, want %v", c.Parties, tc.parties)
			}
			if c.RolesFromFile != tc.rolesFromFile {
				t.Errorf("RolesFromFile = %v, want %v", c.RolesFromFile, tc.rolesFromFile)
			}
		})
	}
}

// TestParseNamesSpeakers checks that Parse names the speakers: a role in
// one label and the name alone in another are one person.
func TestParseNamesSpeakers(t *testing.T) {
	c, err := Parse("names.txt", []byte("Sales Rep (Alex): Hi Jordan, thanks for the time.\nJordan: Sure.\nAlex: What made you take the call?\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Speakers(), []string{"Alex", "Jordan"}; !slices.Equal(got, want) {
		t.Errorf("speakers = %q, want %q", got, want)
	}
	if c.Turns[0].Role != Seller || c.Turns[2].Role != Seller || !c.RolesFromFile {
		t.Errorf("Alex's turns have roles %q and %q (roles from file %v), want seller", c.Turns[0].Role, c.Turns[2].Role, c.RolesFromFile)
	}
}

// TestNameSpeakersKeepsParties checks that a party a format recorded for
// a label (from an e-mail domain, say) moves to the speaker's name and
// wins over a company in the label.
func TestNameSpeakersKeepsParties(t *testing.T) {
	c := &Call{
		Turns: []Turn{
			{Speaker: "Omar Haddad (Fernwood)", Text: "Thanks for making the time."},
			{Speaker: "Julia Santos", Text: "Of course."},
		},
		Parties: map[string]string{"Omar Haddad (Fernwood)": "fernwood-hotels", "Julia Santos": "tidewater"},
	}
	if !nameSpeakers(c) {
		t.Error("nameSpeakers reported no change")
	}
	want := map[string]string{"Omar Haddad": "fernwood-hotels", "Julia Santos": "tidewater"}
	if !maps.Equal(c.Parties, want) {
		t.Errorf("parties = %v, want %v", c.Parties, want)
	}
	if c.Turns[0].Speaker != "Omar Haddad" {
		t.Errorf("speaker = %q, want Omar Haddad", c.Turns[0].Speaker)
	}
}

func TestIsUnknownSpeaker(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"Unknown", true},
		{"unknown speaker", true},
		{"Unknown Speaker", true},
		{"Unidentified speaker", true},
		{"Speaker 1", false},
		{"Dana Unknown", false},
		{"", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsUnknownSpeaker(tc.name); got != tc.want {
				t.Errorf("IsUnknownSpeaker(%q) = %v, want %v", tc.name, got, tc.want)
			}
		})
	}
}

// FuzzReadLabel reads any label: it never panics, and a label with words
// in it comes to a name with words in it.
func FuzzReadLabel(f *testing.F) {
	for _, s := range []string{"Sales Rep (Alex)", "Customer - Dana", "Dana Park (CFO, Northwind)", "Speaker 1 (Agent)",
		"Priya's Notetaker", "Notetaker (Otter.ai)", "SCREEN SHARING", "Unknown speaker", "(", ")", " - ", "a (b) (c)", "AE, "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, label string) {
		l := readLabel(label)
		if strings.TrimSpace(label) != "" && strings.TrimSpace(l.name) == "" {
			t.Errorf("readLabel(%q) has no name", label)
		}
		IsBot(label)
		IsToolMarker(label)
	})
}
