package analyze

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/calltrust/calltrust/analyze/transcript"
	"github.com/calltrust/calltrust/lexicons"
)

// parsed reads "Name: text" lines as a calltrust JSON file, the way a
// user's file is read, with the labels exactly as written.
func parsed(t *testing.T, lines ...string) *Call {
	t.Helper()
	doc := turnsOf(nil, lines...)
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	c, err := transcript.Parse("roles.json", data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// turnsOf builds a call from "Name: text" lines with the parties given,
// as a format that knows each speaker's organisation would.
func turnsOf(parties map[string]string, lines ...string) *Call {
	c := &Call{ID: "roles", Source: "roles.json", Parties: parties}
	for _, l := range lines {
		name, text, _ := strings.Cut(l, ": ")
		c.Turns = append(c.Turns, Turn{Speaker: name, Text: text})
	}
	return c
}

func roles(t *testing.T, c *Call, opts Options) Roles {
	t.Helper()
	r, err := Analyze(c, lexicons.Default(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return r.Roles
}

// sides checks who is on each side.
func sides(t *testing.T, r Roles, seller, customer []string) {
	t.Helper()
	if !slices.Equal(r.Seller, seller) || !slices.Equal(r.Customer, customer) {
		t.Errorf("seller %q customer %q, want %q %q (source %s, confidence %.2f)", r.Seller, r.Customer, seller, customer, r.Source, r.Confidence)
	}
}

// TestRolesFromLabels: a label's role word decides its side, whatever the
// words say, with a confidence of at least 0.9.
func TestRolesFromLabels(t *testing.T) {
	for _, tc := range []struct {
		name             string
		call             *Call
		seller, customer []string
	}{
		{"role words against the words",
			parsed(t, "Agent: Hi, how much does it cost? We currently use spreadsheets.",
				"Customer: This is Dana from Northwind, our platform is the best in class, let me show you a demo.",
				"Agent: Send me the details."),
			[]string{"Agent"}, []string{"Customer"}},
		{"generic speakers annotated",
			parsed(t, "Speaker 1 (Agent): Thanks for calling Brightpath, how can I help?",
				"Speaker 2: I'd like to know about the family plan.",
				"Speaker 1: Of course."),
			[]string{"Speaker 1"}, []string{"Speaker 2"}},
		{"a role, then the name alone",
			parsed(t, "Sales Rep (Alex): Jordan, thanks for the time today.",
				"Jordan: Sure, I have twenty minutes.",
				"Alex: Then let's start with your team."),
			[]string{"Alex"}, []string{"Jordan"}},
		{"the buyer labelled, the seller named",
			parsed(t, "Dana: Good morning, how are things at the depot?",
				"Prospect: Busy, but fine.",
				"Dana: Shall we look at the quote?"),
			[]string{"Dana"}, []string{"Prospect"}},
		{"abbreviations and lower case",
			parsed(t, "AE: Hi Lee, good to meet you.", "prospect: Likewise.", "ae: What's on your mind?"),
			[]string{"AE"}, []string{"prospect"}},
		{"a company's salesperson and its colleague",
			parsed(t, "Dana Park (AE, Northwind): Thanks for joining, Lee.",
				"Omar Haddad (Northwind): I'll cover the integration questions.",
				"Lee Chen (Harbor Health): Great, we have a few."),
			[]string{"Dana Park", "Omar Haddad"}, []string{"Lee Chen"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := roles(t, tc.call, Options{})
			sides(t, r, tc.seller, tc.customer)
			if r.Source != RolesFromFile || r.Confidence < 0.9 {
				t.Errorf("source %s confidence %.2f, want file and at least 0.9", r.Source, r.Confidence)
			}
		})
	}
}

// A seller's call with a colleague who says nothing a seller says, and a
// buyer with a colleague who talks about their own platform.
var (
	colleagueCall = []string{
		"Hana Vos: Hi Lena, this is Hana from Northwind, thanks for taking the call. I'm here with Omar from our onboarding team.",
		"Lena Ortiz: Hi both. We currently use spreadsheets for the rota and it's a mess. How much does it cost?",
		"Hana Vos: It's priced per user, and we offer a free trial for your team.",
		"Omar Reyes: The import runs overnight and the mapping lives in the admin screen.",
		"Lena Ortiz: I'll need to check with my manager before we go further.",
		"Hana Vos: Of course. What would your manager want to see?",
	}
	buyerColleagueCall = []string{
		"Hana Vos: Hi Lena, this is Hana from Northwind, thanks for taking the call.",
		"Lena Ortiz: Hi Hana. How much does it cost? We're using spreadsheets today.",
		"Ravi Shah: Our platform serves our clients' bookings, and we offer it to every clinic we work with.",
		"Hana Vos: That helps. What does your team need from the rota?",
		"Lena Ortiz: Send me something to read and I'll check with my manager.",
		"Ravi Shah: We help our customers book online, so our product team would want the integration.",
		"Hana Vos: Then let me show you how the integration works, per user pricing included.",
	}
)

// TestRolesParties: speakers of one party are on one side, decided by the
// evidence of all its members together.
func TestRolesParties(t *testing.T) {
	for _, tc := range []struct {
		name             string
		call             *Call
		seller, customer []string
	}{
		{"the seller's quiet colleague sells",
			turnsOf(map[string]string{"Hana Vos": "northwind", "Omar Reyes": "northwind", "Lena Ortiz": "harbor"}, colleagueCall...),
			[]string{"Hana Vos", "Omar Reyes"}, []string{"Lena Ortiz"}},
		{"without parties the quiet colleague is a buyer",
			turnsOf(nil, colleagueCall...),
			[]string{"Hana Vos"}, []string{"Lena Ortiz", "Omar Reyes"}},
		{"the buyer's colleague who speaks of their platform buys",
			turnsOf(map[string]string{"Hana Vos": "northwind", "Lena Ortiz": "harbor", "Ravi Shah": "harbor"}, buyerColleagueCall...),
			[]string{"Hana Vos"}, []string{"Lena Ortiz", "Ravi Shah"}},
		{"parties named by full name, speakers by first name",
			turnsOf(map[string]string{"Hana Vos": "northwind", "Omar Reyes": "northwind", "Lena Ortiz": "harbor"}, firstNames(colleagueCall)...),
			[]string{"Hana", "Omar"}, []string{"Lena"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := roles(t, tc.call, Options{})
			sides(t, r, tc.seller, tc.customer)
			if r.Source != RolesFromInference {
				t.Errorf("source %s, want inference", r.Source)
			}
		})
	}
}

// firstNames labels each line by the speaker's first name alone.
func firstNames(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		name, text, _ := strings.Cut(l, ": ")
		first, _, _ := strings.Cut(name, " ")
		out[i] = first + ": " + text
	}
	return out
}

// TestRolesPartyStatedSides: a party whose members the file puts on
// different sides is taken apart rather than merged.
func TestRolesPartyStatedSides(t *testing.T) {
	c := turnsOf(map[string]string{"Agent": "northwind", "Customer": "northwind"},
		"Agent: Thanks for calling, how can I help?", "Customer: I'd like to change my plan.")
	c.Turns[0].Role, c.Turns[1].Role, c.RolesFromFile = Seller, Customer, true
	r := roles(t, c, Options{})
	sides(t, r, []string{"Agent"}, []string{"Customer"})
}

// TestRolesUnknownSpeaker: an unknown speaker is on neither side and out
// of both sides' measures.
func TestRolesUnknownSpeaker(t *testing.T) {
	call := func(withUnknown bool) *Call {
		lines := []string{
			"Hana Vos: Hi Lena, this is Hana from Northwind, thanks for taking the call. How is the rota going?",
			"Lena Ortiz: Badly. We currently use spreadsheets. How much does it cost?",
			"Unknown: Our platform is industry-leading, the best in class, let me show you a quick demo of our features?",
			"Hana Vos: It's priced per user. What does your team need most?",
			"Lena Ortiz: Fewer phone calls on Sunday nights.",
		}
		if !withUnknown {
			lines = slices.Delete(lines, 2, 3)
		}
		return turnsOf(nil, lines...)
	}
	c := call(true)
	r, err := Analyze(c, lexicons.Default(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	sides(t, r.Roles, []string{"Hana Vos"}, []string{"Lena Ortiz"})
	if !slices.Equal(r.Roles.Neither, []string{"Unknown"}) {
		t.Errorf("neither = %q, want [Unknown]", r.Roles.Neither)
	}
	if c.Turns[2].Role != Unknown {
		t.Errorf("the unknown speaker's turn has role %q", c.Turns[2].Role)
	}
	without, err := Analyze(call(false), lexicons.Default(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	m, w := r.Metrics, without.Metrics
	if m.Speakers != 2 || m.TalkShare != w.TalkShare || m.SellerWords != w.SellerWords || m.CustomerWords != w.CustomerWords ||
		m.SellerQuestions != w.SellerQuestions || m.PitchPhrases != w.PitchPhrases {
		t.Errorf("metrics with the unknown speaker %+v, without %+v", m, w)
	}
}

// TestRolesEvidence: without labels, the evidence of the words decides,
// and the confidence says how much of it there was.
func TestRolesEvidence(t *testing.T) {
	for _, tc := range []struct {
		name             string
		lines            []string
		seller, customer []string
		minConf, maxConf float64
	}{
		{"introduction and a price question",
			[]string{"Speaker 1: Hi, this is Dana from Ledgerly, thanks for taking my call.",
				"Speaker 2: Sure. We currently use spreadsheets. How much does it cost?",
				"Speaker 1: Our platform is priced per user."},
			[]string{"Speaker 1"}, []string{"Speaker 2"}, 0.5, 1},
		{"the buyer describes their own product at length",
			[]string{"Speaker 1: Hi Tom, good to see you. What got you interested in talking to us?",
				"Speaker 2: Well, we run a scheduling product for dental offices. Our platform handles bookings, our customers are mostly small practices, and we help them fill cancellations. We're growing and our team can't keep up with outbound.",
				"Speaker 1: How many people do you have on your team doing outreach today?",
				"Speaker 2: Two of us, and we use a basic email tool. Our clients love the product, but we need more meetings.",
				"Speaker 1: What does a good month look like for you? How many meetings would you need?",
				"Speaker 2: Maybe fifteen. We tried an agency last year and it didn't work for us.",
				"Speaker 1: What didn't work about it? Was it the list or the messaging?",
				"Speaker 2: The messaging. It didn't sound like us, and our buyers noticed."},
			[]string{"Speaker 1"}, []string{"Speaker 2"}, 0, 1},
		{"small talk only",
			[]string{"Speaker 1: Hi there.", "Speaker 2: Hello, how are you?", "Speaker 1: Good, thanks. You?", "Speaker 2: Fine."},
			[]string{"Speaker 1"}, []string{"Speaker 2"}, 0, 0.49},
		{"the buyer's late mention of their company",
			[]string{"Speaker 1: Hi Priya, thanks for the time. I saw your clinics opened a third site.",
				"Speaker 2: We did, in March.",
				"Speaker 1: How are bookings going there for you?",
				"Speaker 2: Slowly.",
				"Speaker 1: What's slowing your team down?",
				"Speaker 2: Phones, mostly.",
				"Speaker 1: Have you looked at online booking for your patients?",
				"Speaker 2: Honestly the company I'm with is careful about new tools, so we do it all by phone."},
			[]string{"Speaker 1"}, []string{"Speaker 2"}, 0, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := roles(t, turnsOf(nil, tc.lines...), Options{})
			sides(t, r, tc.seller, tc.customer)
			if r.Source != RolesFromInference || r.Confidence < tc.minConf || r.Confidence > tc.maxConf {
				t.Errorf("source %s confidence %.2f, want inference in [%.2f, %.2f]", r.Source, r.Confidence, tc.minConf, tc.maxConf)
			}
			warned := len(r.Warnings) > 0 && strings.Contains(r.Warnings[0], "roles are a guess")
			if warned != (r.Confidence < roleWarnBelow) {
				t.Errorf("confidence %.2f with warnings %q", r.Confidence, r.Warnings)
			}
		})
	}
}

// TestRolesSellerFlagByLabel: --seller may name a speaker by the label the
// file gave them.
func TestRolesSellerFlagByLabel(t *testing.T) {
	c := parsed(t, "Alex Moreno (Northwind): Hi Jordan.", "Jordan Lee: Hi Alex.", "Alex Moreno: Shall we start?")
	r := roles(t, c, Options{Seller: []string{"Alex Moreno (Northwind)"}})
	sides(t, r, []string{"Alex Moreno"}, []string{"Jordan Lee"})
	if r.Source != RolesFromFlag {
		t.Errorf("source %s, want flag", r.Source)
	}
}

// TestGatherIntroductions: an introduction counts in full in a speaker's
// opening turns and a third after them; a phrase said again adds less.
func TestGatherIntroductions(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []string
		want  float64 // Speaker 2's cue evidence
	}{
		{"in the opening", []string{"Speaker 1: Hello?", "Speaker 2: Hi, this is Dana from Northwind."}, 3},
		{"after the opening", []string{
			"Speaker 1: Hello?", "Speaker 2: Hi.", "Speaker 1: Yes?", "Speaker 2: Good.", "Speaker 1: And?",
			"Speaker 2: Well.", "Speaker 1: So?", "Speaker 2: By the way, this is Dana from Northwind."}, 1},
		{"said again", []string{"Speaker 1: Hello?", "Speaker 2: Our platform is new.", "Speaker 1: Yes?",
			"Speaker 2: Our platform is fast.", "Speaker 1: And?", "Speaker 2: Our platform is cheap.",
			"Speaker 1: So?", "Speaker 2: Our platform is ready."}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := turnsOf(nil, tc.lines...)
			units := partyUnits(c, c.Speakers())
			gather(units, prepare(c, lexicons.Default()))
			if got := units[1].ev.cues; math.Abs(got-tc.want) > 1e-9 {
				t.Errorf("cue evidence %.3f, want %.3f", got, tc.want)
			}
		})
	}
}
