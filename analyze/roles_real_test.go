package analyze

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/calltrust/calltrust/analyze/transcript"
	"github.com/calltrust/calltrust/internal/realcalls"
	"github.com/calltrust/calltrust/lexicons"
)

// TestRolesRealCalls infers the sides of every labelled real call that
// parses (nothing tells it who sells) and checks them against the labels:
// every call must come out on exactly the labelled sides. A wrong side
// stated with confidence is the worst outcome and is named as such; a
// wrong guess (confidence under 0.5, with the warning) fails too. Files
// that do not parse, or are refused as not a conversation, fail the test.
func TestRolesRealCalls(t *testing.T) {
	realCallsDir, labels := realcalls.Labels(t)
	var unread, refused, guessed []string
	checked, exact := 0, 0
	for _, l := range labels {
		if len(l.SellerSpeakers) == 0 && len(l.CustomerSpeakers) == 0 {
			continue
		}
		b, err := os.ReadFile(filepath.Join(realCallsDir, l.File))
		if err != nil {
			t.Errorf("%s: %v", l.File, err)
			continue
		}
		c, err := transcript.Parse(l.File, b)
		if err != nil {
			unread = append(unread, l.File+": "+err.Error())
			continue
		}
		r, err := Analyze(c, lexicons.Default(), Options{})
		if err != nil {
			refused = append(refused, l.File+": "+err.Error())
			continue
		}
		checked++
		wrong := append(misplaced(l.SellerSpeakers, r.Roles.Seller, "seller"), misplaced(l.CustomerSpeakers, r.Roles.Customer, "customer")...)
		if len(wrong) == 0 {
			exact++
		}
		t.Logf("%s: seller %q customer %q confidence %.2f", l.File, r.Roles.Seller, r.Roles.Customer, r.Roles.Confidence)
		switch {
		case len(wrong) == 0:
		case r.Roles.Confidence < roleWarnBelow && len(r.Roles.Warnings) > 0:
			guessed = append(guessed, l.File)
			t.Errorf("%s: %s (a guess, confidence %.2f)", l.File, strings.Join(wrong, "; "), r.Roles.Confidence)
		default:
			t.Errorf("%s: %s, with confidence %.2f", l.File, strings.Join(wrong, "; "), r.Roles.Confidence)
		}
	}
	for _, u := range unread {
		t.Errorf("not parsed: %s", u)
	}
	for _, u := range refused {
		t.Errorf("parsed but refused: %s", u)
	}
	t.Logf("%d labelled files: %d analyzed, %d with exactly the labelled sides, %d wrong but said to be a guess, %d not parsed, %d refused",
		len(labels), checked, exact, len(guessed), len(unread), len(refused))
}

// misplaced lists the labelled names that are not on the side the label
// gives them. A name in parentheses describes a speaker the file does
// not name, and is not checked.
func misplaced(labelled, side []string, what string) []string {
	var out []string
	for _, name := range labelled {
		if strings.HasPrefix(name, "(") {
			continue
		}
		found := false
		for _, s := range side {
			found = found || strings.EqualFold(s, transcript.SpeakerName(name))
		}
		if !found {
			out = append(out, name+" is not on the "+what+" side")
		}
	}
	return out
}
