package analyze

import "testing"

func TestNameMentions(t *testing.T) {
	for _, tc := range []struct {
		text, party string
		want        int
	}{
		{"We moved everything to Larkspur last spring.", "larkspur", 1},
		{"LARKSPUR and Larkspur, and LarkSpur again", "larkspur", 3},
		{"a larkspur grows in the garden", "larkspur", 0},
		{"Our team at Clear Street runs it.", "Clear Street", 1},
		{"the road is clear, street lights on", "clearstreet", 0},
		{"Write to me at Brightwave.io, or see Brightwave's site.", "brightwave", 2},
		{"There is wisdom in waiting.", "wisdom", 0},
		{"I lead marketing at Wisdom AI.", "wisdom", 1},
		{"Larkspurs are not Larkspur Inc.", "larkspur", 1},
		{"We use Fwd for that.", "fwd", 0},            // too short to tell from a word
		{"Internal teams use it.", "internal", 0},     // a side, not a company
		{"Harbor Health signed.", "Harbor Health", 1}, // a name of two words
		// A name spreads over at most three words and ends where a word ends.
		{"Clear Street Capital Partners", "Clear Street Capital", 1},
		{"Clear St Re Et here", "clearstreet", 0},
		{"Larkspur", "larkspur", 1},
		{"Lark", "larkspur", 0},
		{"Ünterwald and Ünterwald AG", "Ünterwald", 2},
	} {
		if got := nameMentions(tc.text, companyKey(tc.party)); got != tc.want {
			t.Errorf("nameMentions(%q, %q) = %d, want %d", tc.text, tc.party, got, tc.want)
		}
	}
}

// agencyCall is a renewal call where the buyer runs an agency: they speak
// of "our clients" and work "on behalf of" them, words a seller uses, and
// talk far more than the vendor's account manager. What the call is about
// is the vendor's product, which both name.
var agencyCall = []string{
	"Iris Novak: Thanks for making the time. I saw your note about the renewal.",
	"Theo Brandt: Sure. We run SEO on behalf of our clients, and our clients each have their own logins now.",
	"Theo Brandt: We have been on Larkspur for three years and the seats add up.",
	"Iris Novak: How many seats are in use today?",
	"Theo Brandt: Eleven, and our clients are growing. We build reports for our clients every week.",
	"Theo Brandt: Honestly the Larkspur data is good, we just pay for it three times.",
	"Iris Novak: Let me look at what Larkspur can do on the seat count before next week.",
}

// TestRolesCompanyNamed: the company a call names is the one selling,
// whoever names it, so the agency that buys is not taken for the seller
// because it speaks of its own clients.
func TestRolesCompanyNamed(t *testing.T) {
	parties := map[string]string{"Iris Novak": "larkspur", "Theo Brandt": "brightwave"}
	r := roles(t, turnsOf(parties, agencyCall...), Options{})
	sides(t, r, []string{"Iris Novak"}, []string{"Theo Brandt"})

	// The same words with the parties unknown: nothing says whose the
	// product is, and the agency's talk of its clients outweighs the rest.
	r = roles(t, turnsOf(nil, agencyCall...), Options{})
	sides(t, r, []string{"Theo Brandt"}, []string{"Iris Novak"})
	if r.Confidence >= roleWarnBelow {
		t.Errorf("without parties the sides are a guess, got confidence %.2f", r.Confidence)
	}
}
