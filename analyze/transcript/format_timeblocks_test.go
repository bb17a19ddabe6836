package transcript

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// TestFormatTimeBlocks reads blocks that open with a time and name the
// speaker after the words: role words decide the side whatever their
// case, and a speaker line that is empty, says Unknown or is missing makes
// a turn of UnknownSpeaker on neither side.
func TestFormatTimeBlocks(t *testing.T) {
	tests := []docCase{
		{case8: case8{file: "formats/time-blocks/roles-after-words.txt", timed: true, rolesFromFile: true, turns: []turn8{
			{"Agent", Seller, 2, 7, "Morning Teresa, it's Karim from Plotline. Thanks for picking up."},
			{"Prospect", Customer, 7, 12, "Hi Karim. I have about ten minutes before a site visit."},
			{"Agent", Seller, 12, 24, "Then I'll be quick. Last month you said your crews lose an hour a day waiting for material deliveries."},
			{"Prospect", Customer, 24, 31, "That's still true, mostly on the east side jobs."},
			{UnknownSpeaker, Unknown, 31, 33, "Sorry, could you repeat that?"},
			{"Agent", Seller, 33, 41, "What does one lost hour cost you across a crew?"},
			{UnknownSpeaker, Unknown, 41, 49, "Roughly four hundred dollars, if you count overtime."},
			{"Agent", Seller, 49, 55, "Okay. And who orders the material today?"},
			{"Prospect", Customer, 55, 57.4, "The site lead does, by phone."},
		}}, format: timeBlocksFormat},
		// Names with a role once, times past the hour, a block without a
		// speaker line, a title above.
		{case8: case8{file: "formats/time-blocks/names-and-hours.txt", timed: true, rolesFromFile: true, turns: []turn8{
			{"Wen Li", Seller, 3520, 3532, "Before we wrap up, is there anything that would stop you from running a pilot next month?"},
			{"Oskar Brandt", Unknown, 3532, 3543, "Honestly, the budget owner is on leave until the twentieth."},
			{"Wen Li", Seller, 3543, 3550, "Understood. Should we book the pilot review for the week after?"},
			{UnknownSpeaker, Unknown, 3550, 3602, "[inaudible] works for me."},
			{"Wen Li", Seller, 3602, 3607, "Great. I'll send the invite today."},
			{"Oskar Brandt", Unknown, 3607, 3608.2, "Thanks, talk soon."},
		}}, format: timeBlocksFormat, skipped: [][2]int{{1, 2}},
			note: "2 lines before the conversation were not read as speech"},
		// Role words alone after the words, CRLF line ends.
		{case8: case8{file: "formats/time-blocks/role-words-crlf.txt", timed: true, rolesFromFile: true, turns: []turn8{
			{"Sales Rep", Seller, 1, 4, "Hello, is this the front desk at Alder Clinic?"},
			{"Customer", Customer, 4, 8, "Yes, this is Noor."},
			{"Sales Rep", Seller, 8, 15, "Hi Noor, Felix from Slotwise. You asked about online booking last week."},
			{"Client", Customer, 15, 18.2, "Right, we did. Patients keep calling during lunch."},
		}}, format: timeBlocksFormat},
	}
	for _, tc := range tests {
		t.Run(filepath.Base(tc.file), func(t *testing.T) { checkDoc(t, tc) })
	}
}

// TestTimeBlocksSpeakers checks that turns of UnknownSpeaker neither make
// a call "not a conversation" nor count as its second speaker.
func TestTimeBlocksSpeakers(t *testing.T) {
	tests := []struct {
		name, text string
		refused    bool
	}{
		{"two sides and unknown turns", "0:01\nHello.\nSpeaker: Agent\n\n0:03\nHi.\nSpeaker:\n\n0:05\nWho is this?\nSpeaker: Prospect\n", false},
		{"one side and unknown turns", "0:01\nHello.\nSpeaker: Agent\n\n0:03\nHi.\nSpeaker: unknown\n\n0:05\nAnyone there?\nSpeaker: Agent\n", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse("t.txt", []byte(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			if c.Format != timeBlocksFormat {
				t.Fatalf("read as %q", c.Format)
			}
			err = c.CheckSpeakers(false)
			if refused := err != nil; refused != tc.refused {
				t.Fatalf("CheckSpeakers = %v, want refused %v", err, tc.refused)
			}
			if err != nil && (!errors.Is(err, ErrSpeakers) || !strings.Contains(err.Error(), "one speaker only (Agent)") || !strings.Contains(err.Error(), "practice")) {
				t.Errorf("error %q does not say one speaker and how to analyze a practice pitch", err)
			}
		})
	}
}

// TestSniffTimeBlocks checks what the layout is told apart from.
func TestSniffTimeBlocks(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool
	}{
		{"speaker after", "0:01\nHello.\nSpeaker: Agent\n0:03\nHi.\nSpeaker: Prospect\n", true},
		{"role word after", "0:01\nHello.\nAgent\n0:03\nHi.\nCustomer\n", true},
		{"speaker first", "0:01\nSpeaker: Agent\nHello.\n0:03\nSpeaker: Prospect\nHi.\n", false},
		{"name then time", "Agent\n0:01\nHello.\nCustomer\n0:03\nHi.\nAgent\n0:05\nBye.\n", false},
		{"one block", "0:01\nHello.\nSpeaker: Agent\n", false},
		{"name: text", "Agent: Hello.\nProspect: Hi.\n", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := sniffTimeBlocks("t.txt", []byte(tc.text)); got != tc.want {
				t.Errorf("sniffTimeBlocks = %v, want %v", got, tc.want)
			}
		})
	}
}
