package analyze

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/calltrust/calltrust/analyze/transcript"
	"github.com/calltrust/calltrust/lexicons"
)

// call builds a two-party call from "Seller"/"Buyer" lines with the
// seller side given, so a test reads like a transcript.
func call(lines ...string) *Call {
	c := &Call{ID: "t", Source: "t.txt", Meta: Meta{SellerSpeakers: []string{"Seller"}}}
	for _, l := range lines {
		name, text, _ := strings.Cut(l, ": ")
		c.Turns = append(c.Turns, Turn{Speaker: name, Text: text})
	}
	return c
}

func flagged(t *testing.T, c *Call, opts Options) map[Kind]Flag {
	t.Helper()
	r, err := Analyze(c, lexicons.Default(), opts)
	if err != nil {
		t.Fatal(err)
	}
	out := map[Kind]Flag{}
	for _, f := range r.Flags {
		out[f.Kind] = f
	}
	return out
}

func TestOverpromise(t *testing.T) {
	for _, tc := range []struct {
		name, seller string
		want         bool
	}{
		{"guarantee", "I guarantee you'll double your pipeline.", true},
		{"negated guarantee", "I can't guarantee specific numbers.", false},
		{"we don't promise", "We don't promise a number before we see your data.", false},
		{"won't say never fails", "I won't tell you it never fails.", false},
		{"sla with credits", "Our SLA guarantees 99.9% uptime with service credits.", false},
		{"refund in contract", "A 30-day refund guarantee is in the contract.", false},
		{"commitment from the buyer", "I need 100% commitment from your team.", false},
		{"honest", "I'll be 100% honest with you.", false},
		{"policy never", "We never train models on your data.", false},
		{"hedged", "Most customers see a payback in about 90 days.", false},
		{"hypothetical", "If you were 100% sure this worked, what would you do?", false},
		{"conditions stated", "We guarantee the rate if you sign by the 30th.", false},
		{"no chance", "There's no chance this fails for you.", true},
		{"can't see how", "I can't see how this wouldn't work for you.", true},
		{"negated negative", "Nobody who did the work has ever not got the result.", true},
		{"promise after an honest limit", "I can't guarantee numbers, but I promise you'll love it.", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := call("Seller: "+tc.seller, "Buyer: OK.")
			_, got := flagged(t, c, Options{})[Overpromise]
			if got != tc.want {
				t.Errorf("overpromise on %q = %v, want %v", tc.seller, got, tc.want)
			}
		})
	}
	t.Run("customer's words", func(t *testing.T) {
		c := call("Seller: What would you need to see?", "Buyer: Can you guarantee 100% uptime? The last vendor promised it never fails.")
		if _, got := flagged(t, c, Options{})[Overpromise]; got {
			t.Error("flagged the customer's own words")
		}
	})
}

func TestUnraisedObjection(t *testing.T) {
	stall := []string{"Seller: Does the plan fit what you described?", "Buyer: Send me some information and I'll think about it."}
	for _, tc := range []struct {
		name  string
		lines []string
		want  bool
	}{
		{"stall not probed", append(stall, "Seller: Sure, I'll send it over. Any other questions?"), true},
		{"stall probed", append(stall, "Seller: Happy to. Help me understand what's behind the hesitation?"), false},
		{"concern acknowledged", []string{"Seller: Here is the price.", "Buyer: That's more than we budgeted.", "Seller: That's fair. Which part of it worries you most?"}, false},
		{"concern ignored", []string{"Seller: Here is the price.", "Buyer: That's more than we budgeted.", "Seller: Great, so next we set up your account."}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got := flagged(t, call(tc.lines...), Options{})[UnraisedObjection]
			if got != tc.want {
				t.Errorf("unraised_objection = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestBusinessReason(t *testing.T) {
	for _, tc := range []struct {
		name, opening string
		meta          Meta
		want          bool
	}{
		{"checking in", "Hi, just checking in to see how things are going.", Meta{}, true},
		{"seller news", "We just launched version 5 and I'd like to show you a demo.", Meta{}, true},
		{"industry trend", "Many companies in your industry are facing steep increases in raw material costs; I'd like to explore whether we can help.", Meta{}, false},
		{"agreed agenda", "As we agreed last week, today we'd review the rollout plan.", Meta{}, false},
		{"agenda on an inbound call", "Today I'd like to understand your process and then answer your pricing questions.", Meta{CallType: CallInbound}, false},
		{"agenda on a cold call", "Today I'd like to understand your process and then answer your pricing questions.", Meta{CallType: CallCold}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := call("Seller: "+tc.opening, "Buyer: OK, go on.", "Seller: Great.", "Buyer: Sure.")
			c.Meta.CallType = tc.meta.CallType
			_, got := flagged(t, c, Options{})[NoBusinessReason]
			if got != tc.want {
				t.Errorf("no_business_reason = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSpeakersAndPractice(t *testing.T) {
	one := &Call{Source: "pitch.txt", Turns: []Turn{{Speaker: "Ana", Text: "We just launched our award-winning platform and I guarantee results."}}}
	_, err := Analyze(one, lexicons.Default(), Options{})
	if !errors.Is(err, transcript.ErrSpeakers) || !strings.Contains(err.Error(), "pitch.txt") || !strings.Contains(err.Error(), "--practice") {
		t.Fatalf("one speaker: error %v", err)
	}
	r, err := Analyze(one, lexicons.Default(), Options{Practice: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.NotApplicable) != 1 || r.NotApplicable[0] != UnraisedObjection {
		t.Errorf("not_applicable = %v", r.NotApplicable)
	}
	kinds := map[Kind]bool{}
	for _, f := range r.Flags {
		kinds[f.Kind] = true
	}
	if !kinds[Overpromise] || kinds[UnraisedObjection] {
		t.Errorf("practice flags = %v", kinds)
	}
	if _, err := Analyze(call("Seller: hi", "Buyer: hello"), lexicons.Default(), Options{Seller: []string{"Nobody"}}); err == nil || !strings.Contains(err.Error(), `"Nobody"`) {
		t.Errorf("unknown --seller: %v", err)
	}
}

func TestReportIsDeterministic(t *testing.T) {
	a, _ := Analyze(call("Seller: We guarantee it, 100%.", "Buyer: Send me some info."), lexicons.Default(), Options{})
	b, _ := Analyze(call("Seller: We guarantee it, 100%.", "Buyer: Send me some info."), lexicons.Default(), Options{})
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if !bytes.Equal(ja, jb) {
		t.Error("same call, different bytes")
	}
	for _, key := range []string{`"schema_version":1`, `"flags":[`, `"metrics":{`, `"trust":{`, `"trustworthiness":`, `"lexicons_version":"sha256:`, `"roles":{`, `"excused":[`, `"not_applicable":[]`} {
		if !bytes.Contains(ja, []byte(key)) {
			t.Errorf("report JSON lacks %s", key)
		}
	}
}

func TestRedact(t *testing.T) {
	c := call("Seller: I guarantee a reply if you write to dana@ledgerly.io or call +1 415-555-0134, and no charge to card 4111 1111 1111 1111 when we miss.", "Buyer: fine")
	r, err := Analyze(c, lexicons.Default(), Options{Redact: true})
	if err != nil {
		t.Fatal(err)
	}
	j, _ := json.Marshal(r)
	for _, secret := range []string{"dana@ledgerly.io", "555-0134", "4111"} {
		if bytes.Contains(j, []byte(secret)) || strings.Contains(c.Turns[0].Text, secret) {
			t.Errorf("%q survived redaction", secret)
		}
	}
	if !bytes.Contains(j, []byte("[email]")) {
		t.Error("no [email] mark in the report")
	}
}

func TestRolesInferred(t *testing.T) {
	c := &Call{Source: "x", Turns: []Turn{
		{Speaker: "Speaker 1", Text: "Hi, this is Dana from Ledgerly, thanks for taking my call."},
		{Speaker: "Speaker 2", Text: "Sure. We currently use spreadsheets. How much does it cost?"},
		{Speaker: "Speaker 1", Text: "Our platform is priced per user."},
	}}
	r, err := Analyze(c, lexicons.Default(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Roles.Source != RolesFromInference || len(r.Roles.Seller) != 1 || r.Roles.Seller[0] != "Speaker 1" || r.Roles.Confidence < 0.5 {
		t.Errorf("roles = %+v", r.Roles)
	}
}

func TestBuiltinLexiconExamples(t *testing.T) {
	fails, ran := TestLexicons(lexicons.Default())
	for _, f := range fails {
		t.Error(f)
	}
	if ran < 100 {
		t.Errorf("only %d examples ran", ran)
	}
}
