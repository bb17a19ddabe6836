package analyze

import (
	"os"
	"strings"
	"testing"

	"github.com/calltrust/calltrust/analyze/transcript"
	"github.com/calltrust/calltrust/lexicons"
)

func analyzeReport(t *testing.T, c *Call) *Report {
	t.Helper()
	r, err := Analyze(c, lexicons.Default(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestCallStageInferred(t *testing.T) {
	for _, tc := range []struct {
		name     string
		lines    []string
		want     string
		quoteHas string
		reasonNA bool // no_business_reason listed as not applicable
	}{
		{"cold, seller introduces and asks for a minute",
			[]string{"Seller: Hi Ruth, this is Omar calling from Tallyway, did I catch you at a bad time?", "Buyer: I have a minute."},
			CallCold, "calling from", false},
		{"follow-up by an earlier conversation",
			[]string{"Seller: Hi Ruth, good to see you again.", "Buyer: Likewise. I shared the notes with my team."},
			CallFollowUp, "good to see you again", true},
		{"the buyer refers to the earlier call",
			[]string{"Seller: Morning!", "Buyer: Thanks for following up. We looked at the pilot numbers."},
			CallFollowUp, "Thanks for following up", true},
		{"closing outweighs the greeting",
			[]string{"Seller: Thanks for joining, both of you.", "Buyer: Sure. Our legal team has the order form and had two redlines."},
			CallClosing, "order form", true},
		{"demo",
			[]string{"Seller: Thanks for making the time. Let me share my screen.", "Buyer: Go ahead."},
			CallDemo, "share my screen", true},
		{"inbound: the buyer asked for the call",
			[]string{"Seller: Hello, you called about the scheduling module?", "Buyer: Yes, our rota takes days each month."},
			CallInbound, "you called about", false},
		{"a booked meeting is discovery",
			[]string{"Seller: Thanks for hopping on, Ruth.", "Buyer: Happy to."},
			CallDiscovery, "Thanks for hopping on", false},
		{"nothing said about the stage",
			[]string{"Seller: Morning Ruth.", "Buyer: Morning."},
			CallUnknown, "", false},
		{"a negated cue does not count",
			[]string{"Seller: Hi Ruth, we haven't spoken before, and I'm not following up on anything.", "Buyer: Fine."},
			CallCold, "haven't spoken before", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := analyzeReport(t, call(tc.lines...))
			if r.Call.CallType != tc.want || r.Call.CallTypeSource != StageFromInferred {
				t.Fatalf("call type %q from %q, want %q inferred", r.Call.CallType, r.Call.CallTypeSource, tc.want)
			}
			if !strings.Contains(r.Call.CallTypeQuote, tc.quoteHas) {
				t.Errorf("quote %q, want it to hold %q", r.Call.CallTypeQuote, tc.quoteHas)
			}
			if tc.want != CallUnknown && (r.Call.CallTypeConfidence == nil || *r.Call.CallTypeConfidence < 0.5) {
				t.Errorf("confidence %v, want at least 0.5", r.Call.CallTypeConfidence)
			}
			na := false
			for _, k := range r.NotApplicable {
				na = na || k == NoBusinessReason
			}
			if na != tc.reasonNA {
				t.Errorf("no_business_reason not applicable = %v, want %v (%+v)", na, tc.reasonNA, r.NotApplicableReasons)
			}
		})
	}
}

func TestCallStageFromSidecarWins(t *testing.T) {
	c := call("Seller: Good to see you again.", "Buyer: Hi.")
	c.Meta.CallType = CallCold
	r := analyzeReport(t, c)
	if r.Call.CallType != CallCold || r.Call.CallTypeSource != StageFromSidecar || r.Call.CallTypeConfidence != nil {
		t.Errorf("call %+v, want the sidecar's cold with no confidence", r.Call)
	}
	c = call("Seller: Hi.", "Buyer: Hi.")
	c.Meta.CallType, c.CallTypeSource = CallFollowUp, StageFromDocument
	if r := analyzeReport(t, c); r.Call.CallTypeSource != StageFromDocument {
		t.Errorf("source %q, want document", r.Call.CallTypeSource)
	}
}

func TestBusinessReasonNotApplicable(t *testing.T) {
	t.Run("starts mid-call", func(t *testing.T) {
		c := call("Seller: and that is where the second warehouse comes in.", "Buyer: Right, the one in Leeds.")
		c.Timed = true
		c.Turns[0].Start, c.Turns[0].End = 95, 99
		c.Turns[1].Start, c.Turns[1].End = 100, 103
		r := analyzeReport(t, c)
		if len(r.NotApplicableReasons) == 0 || !strings.Contains(r.NotApplicableReasons[0].Reason, "mid-call at 1:35") {
			t.Fatalf("not applicable %+v, want the mid-call start at 1:35", r.NotApplicableReasons)
		}
	})
	t.Run("reasons line up with kinds", func(t *testing.T) {
		r := analyzeReport(t, call("Seller: As we discussed, here is the plan.", "Buyer: Good."))
		if len(r.NotApplicable) != len(r.NotApplicableReasons) {
			t.Fatalf("%d kinds, %d reasons", len(r.NotApplicable), len(r.NotApplicableReasons))
		}
		for i, k := range r.NotApplicable {
			if r.NotApplicableReasons[i].Kind != k || r.NotApplicableReasons[i].Reason == "" {
				t.Errorf("reason %d: %+v for kind %s", i, r.NotApplicableReasons[i], k)
			}
		}
	})
	t.Run("small talk alone is not evidence", func(t *testing.T) {
		c := call("Seller: Morning! Where are you dialling in from?", "Buyer: Home today.", "Seller: Nice. So, tell me about the rota.", "Buyer: Sure.")
		if _, got := flagged(t, c, Options{})[NoBusinessReason]; got {
			t.Error("flagged an opening of small talk on a call of unknown stage")
		}
	})
}

func TestOverpromiseExcuses(t *testing.T) {
	for _, tc := range []struct {
		name, seller string
		want         bool
	}{
		{"a yes said strongly", "Yeah, 100%.", false},
		{"a claim at 100%", "It works 100% of the time.", true},
		{"corrected right after", "It works every single time, well, almost every time.", false},
		{"guarantees as the topic", "As far as guarantees, we don't have a number we commit to.", false},
		{"a guarantee hard to give", "It's hard to give a blanket guarantee for a rollout like this.", false},
		{"the offer's own term", "We include a 60-day performance guarantee.", false},
		{"an opinion about the buyer's option", "Building it in-house? I promise you it's not worth the headache.", false},
		{"the seller's own service time", "A specialist is assigned to you within 24 hours.", false},
		{"live by tomorrow still counts", "You'll be live by tomorrow, no problem at all.", true},
		{"a product named Instantly", "Your team uses Instantly for sequences.", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got := flagged(t, call("Seller: "+tc.seller, "Buyer: OK."), Options{})[Overpromise]
			if got != tc.want {
				t.Errorf("overpromise on %q = %v, want %v", tc.seller, got, tc.want)
			}
		})
	}
}

// TestOpeningOfAnUntimedCall: an untimed call's opening runs to about a
// minute of words; when small talk fills it, the seller's first word on
// the call's purpose within three minutes is judged as the opening.
func TestOpeningOfAnUntimedCall(t *testing.T) {
	smallTalk := func(turns int) []string {
		var out []string
		for i := 0; i < turns; i++ {
			out = append(out, "Buyer: We spent the weekend at the lake with the kids and the dog, and the weather held the whole time.", "Seller: Sounds lovely.")
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		lines []string
		want  bool
	}{
		{"a check-in a few words in", []string{"Seller: Morning!", "Buyer: Morning.", "Seller: Busy week?", "Buyer: Always.",
			"Seller: So, just checking in to see how the quarter looks.", "Buyer: Fine."}, true},
		{"a check-in after 250 words of small talk", append(append([]string{"Seller: Morning!"}, smallTalk(12)...),
			"Seller: So, just checking in to see how the quarter looks.", "Buyer: Fine."), true},
		{"the buyer asked why they came, after the small talk", append(append([]string{"Seller: Morning!"}, smallTalk(12)...),
			"Seller: Anyway, what got you interested in jumping on a call with me?", "Buyer: Your e-mail, I guess."), true},
		{"a check-in after 600 words of small talk", append(append([]string{"Seller: Morning!"}, smallTalk(30)...),
			"Seller: So, just checking in to see how the quarter looks.", "Buyer: Fine."), false},
		{"a reason after the small talk, a check-in later", append(append([]string{"Seller: Morning!"}, smallTalk(12)...),
			"Seller: Anyway, I noticed you opened a second warehouse, and freight costs for teams like yours rose this year.", "Buyer: They did.",
			"Seller: So I'm just checking in on how the new site runs.", "Buyer: Fine."), false},
		{"the buyer asked for the call", []string{"Seller: Morning!", "Buyer: Morning. I reached out because our renewals slipped.",
			"Seller: Sure. What got you interested in us in particular?", "Buyer: A friend uses you."}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, got := flagged(t, call(tc.lines...), Options{})[NoBusinessReason]; got != tc.want {
				t.Errorf("no_business_reason = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestOpeningOfATimedCall: on a timed call small talk may push the
// seller's first word on the purpose up to three minutes in.
func TestOpeningOfATimedCall(t *testing.T) {
	for _, tc := range []struct {
		name string
		at   float64 // when the seller checks in
		want bool
	}{
		{"a check-in after two minutes of small talk", 150, true},
		{"a check-in after four minutes of small talk", 240, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := call()
			c.Timed = true
			add := func(at float64, speaker, text string) {
				c.Turns = append(c.Turns, Turn{Speaker: speaker, Start: at, End: at + 9, Text: text})
			}
			add(0, "Seller", "Morning!")
			for at := 10.0; at < tc.at; at += 20 {
				add(at, "Buyer", "We spent the weekend at the lake with the kids.")
				add(at+10, "Seller", "Sounds lovely.")
			}
			add(tc.at, "Seller", "So, just checking in to see how the quarter looks.")
			add(tc.at+10, "Buyer", "Fine.")
			if _, got := flagged(t, c, Options{})[NoBusinessReason]; got != tc.want {
				t.Errorf("no_business_reason = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestReportSaysWhatWasSkipped(t *testing.T) {
	data, err := os.ReadFile("../testdata/formats/text/markdown-document.md")
	if err != nil {
		t.Fatal(err)
	}
	c, err := transcript.Parse("markdown-document.md", data)
	if err != nil {
		t.Fatal(err)
	}
	r := analyzeReport(t, c)
	if r.Call.Skipped == nil || r.Call.Skipped.Lines == 0 || len(r.Call.Skipped.Ranges) == 0 || r.Call.Skipped.Note == "" {
		t.Fatalf("call.skipped = %+v, want the lines around the conversation", r.Call.Skipped)
	}
	var text strings.Builder
	if err := WriteText(&text, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), r.Call.Skipped.Note) {
		t.Errorf("the text report does not say what was skipped:\n%s", text.String())
	}
	if clean := analyzeReport(t, call("Seller: Hi.", "Buyer: Hi.")); clean.Call.Skipped != nil {
		t.Errorf("a call with nothing skipped has call.skipped %+v", clean.Call.Skipped)
	}
}

func TestTextReportGivesWhyNotApplicable(t *testing.T) {
	r := analyzeReport(t, call("Seller: Good to see you again, as we discussed.", "Buyer: Yes."))
	var text strings.Builder
	if err := WriteText(&text, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "NO_BUSINESS_REASON: not applicable: a follow-up call") {
		t.Errorf("text report:\n%s", text.String())
	}
}
