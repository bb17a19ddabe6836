package analyze

import "testing"

func TestSelfOrientedPitchShortCalls(t *testing.T) {
	pitch := []string{
		"Seller: Hello, is this Nora? This is Raj from Quillstack. How are you today?",
		"Buyer: Fine, but I'm busy.",
		"Seller: I'll be quick. I'm calling to tell you about our new invoicing suite, our platform is used by big brands and our customers love our automation. Would you be interested in hearing more?",
		"Buyer: Not really.",
		"Seller: Our product is much better than what you have. Can I book a demo for you this week? What if I gave you a discount on our annual plan?",
		"Buyer: No thanks.",
	}
	discovery := []string{
		"Seller: Hello, is this Nora? This is Raj from Quillstack.",
		"Buyer: Yes, go on.",
		"Seller: How do you send invoices today, and what slows your team down at month end?",
		"Buyer: Spreadsheets, and chasing approvals.",
		"Seller: Who approves them, and what happens when one is late?",
		"Buyer: Our controller, and we pay late fees.",
	}
	answers := []string{
		"Seller: Thanks for calling. What prompted the call?",
		"Buyer: Our invoices take days. How does your approval flow work?",
		"Seller: We route each invoice to the approver you pick, we remind them after a day, and we show you what is stuck, so our customers see where approvals wait and can chase the right person.",
		"Buyer: And what does it cost for a team of six?",
		"Seller: We charge per approver, so for six approvers our standard plan comes to about four hundred a month, and we include onboarding and our support team in that price.",
		"Buyer: And how long does setup take?",
		"Seller: Our team connects your accounting system in a day, we import your approvers, and we train your team in a one-hour session; most of our customers are sending the same week.",
	}
	for _, tc := range []struct {
		name  string
		lines []string
		want  bool
	}{
		{"a short pitch that only asks leave", pitch, true},
		{"a short call of questions about the buyer", discovery, false},
		{"long answers the buyer asked for", answers, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got := flagged(t, call(tc.lines...), Options{})[SelfOrientedPitch]
			if got != tc.want {
				r := analyzeReport(t, call(tc.lines...))
				t.Errorf("self_oriented_pitch = %v, want %v (metrics %+v)", got, tc.want, r.Metrics)
			}
		})
	}
}

func TestDiscoveryQuestions(t *testing.T) {
	for _, tc := range []struct {
		seller    string
		questions int
		discovery int
	}{
		{"Would you be interested in a demo? Can I send you a deck?", 2, 0},
		{"Hello, is this Nora? How are you today?", 2, 0},
		{"What if I gave you a discount? Does that make sense?", 2, 0},
		{"What slows your team down? Who signs off on invoices?", 2, 2},
		{"So, how do you handle approvals today?", 1, 1},
	} {
		t.Run(tc.seller, func(t *testing.T) {
			r := analyzeReport(t, call("Seller: "+tc.seller, "Buyer: Sure."))
			if r.Metrics.SellerQuestions != tc.questions || r.Metrics.DiscoveryQuestions != tc.discovery {
				t.Errorf("questions %d, discovery %d; want %d and %d", r.Metrics.SellerQuestions, r.Metrics.DiscoveryQuestions, tc.questions, tc.discovery)
			}
		})
	}
}

func TestLongExplanationOnACuriousCall(t *testing.T) {
	long := "Seller: So the way it works is this. We start with an audit of your pages, then we map the topics your buyers search for, then we draft, review and publish on a weekly rhythm, and each month we report what moved, which pages gained and which lost, and what we change next. We staff each account with a strategist, two writers and an editor, and we plug into your CMS so nothing waits on your team. The audit takes two weeks and the first pieces ship in week four, and from there we keep the rhythm steady and adjust the plan with you every month based on what the numbers say."
	base := []string{
		"Seller: What is your team trying to hit this year?", "Buyer: More pipeline from organic.",
		"Seller: How do you produce content today?", "Buyer: Two freelancers.",
		"Seller: What slows them down?", "Buyer: Reviews.",
		"Seller: Who reviews, and how long does it take?", "Buyer: Product marketing, a week.",
	}
	c := call(append(base, long, "Buyer: OK.")...)
	c.Timed = true
	for i := range c.Turns {
		c.Turns[i].Start, c.Turns[i].End = float64(i*20), float64(i*20+18)
	}
	c.Turns[8].End = c.Turns[8].Start + 180 // a three-minute explanation
	r := analyzeReport(t, c)
	if _, fired := flagged(t, c, Options{})[SelfOrientedPitch]; fired {
		t.Errorf("flagged a three-minute explanation on a call of questions about the buyer (metrics %+v)", r.Metrics)
	}
}
