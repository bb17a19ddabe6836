package analyze

import "testing"

func TestUnraisedObjectionSettled(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []string
		want  bool
	}{
		{"the buyer calls the concern answered", []string{
			"Seller: Here is the rollout plan.", "Buyer: I'm worried about downtime during the switch.",
			"Seller: We run both systems side by side until your team signs off.", "Buyer: Okay, that addresses my concern.",
			"Seller: Great, shall we look at the timeline?", "Buyer: Yes."}, false},
		{"a concern answered in the same breath is not a new one", []string{
			"Seller: Does the side-by-side plan work for you?", "Buyer: Good to know, that puts my mind at ease about my concern.",
			"Seller: Great.", "Buyer: Yes."}, false},
		{"an offer is not a probe", []string{
			"Seller: Here is the price.", "Buyer: That's more than we budgeted.",
			"Seller: What if I gave you ten percent off?", "Buyer: Maybe.",
			"Seller: Great, I'll send the order form.", "Buyer: OK."}, true},
		{"the buyer's own question about building it answered", []string{
			"Seller: That covers the module.", "Buyer: Could we just build it in house instead?",
			"Seller: You could, and some teams do; the catch is the upkeep, because every tax change means a rebuild and someone on your side owns it for good, which is usually what makes teams stop.",
			"Buyer: Right, that's fair.", "Seller: Shall we book the pilot?", "Buyer: Yes."}, false},
		{"a doubt the buyer asks, answered", []string{
			"Seller: The proposal covers all forty reps.", "Buyer: That's a big investment for us. What if we don't hit those numbers?",
			"Seller: Then the guarantee applies: if win rates have not moved by day ninety, you pay nothing for the next quarter, and we sit down with your team to work out why before you decide anything else.",
			"Buyer: Fair enough.", "Seller: Shall I send the order form?", "Buyer: Yes."}, false},
		{"a concern asserted with a tag, talked past", []string{
			"Seller: The plan is four thousand a month.", "Buyer: I mean, it is expensive for us, right?",
			"Seller: The plan includes onboarding, two workshops and a dedicated manager who meets your team every week, and most customers start with the same plan and grow from there over the year.",
			"Buyer: Sure.", "Seller: Great, I'll send the paperwork.", "Buyer: OK."}, true},
		{"an alternative explored by a question about it", []string{
			"Seller: How do you handle the rota today?", "Buyer: We've looked at several solutions already and none fit.",
			"Seller: What was missing from the ones you looked at?", "Buyer: They all assumed a single site.",
			"Seller: That helps.", "Buyer: OK."}, false},
		{"an alternative passed over for the next question on the list", []string{
			"Seller: How do you handle the rota today?", "Buyer: We've looked at several solutions already and none fit.",
			"Seller: How many people are on the rota each week?", "Buyer: About sixty.",
			"Seller: Great, let me show you the planner.", "Buyer: OK."}, true},
		{"a concern named in answer to the seller's probe", []string{
			"Seller: What would stop this from moving forward?", "Buyer: Honestly, the price is more than we budgeted.",
			"Seller: Understood, thanks.", "Buyer: Sure.", "Seller: I'll send the revised plan.", "Buyer: OK."}, false},
		{"a flat no left alone", []string{
			"Seller: Can I book you a demo?", "Buyer: No thanks, we're all set.",
			"Seller: Alright, I'll call back next week.", "Buyer: Bye."}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got := flagged(t, call(tc.lines...), Options{})[UnraisedObjection]
			if got != tc.want {
				t.Errorf("unraised_objection = %v, want %v", got, tc.want)
			}
		})
	}
}
