package transcript

import (
	"slices"
	"testing"
)

func TestIsBot(t *testing.T) {
	for _, tc := range []struct {
		label string
		want  bool
	}{
		{"Gong", true},
		{"GONG", true},
		{"Fathom", true},
		{"Fathom Notetaker", true},
		{"Otter.ai", true},
		{"Fireflies.ai Notetaker", true},
		{"Read.ai meeting notes", true},
		{"tl;dv", true},
		{"Notetaker", true},
		{"Meeting Recorder", true},
		{"Zoom AI Companion", true},
		{"Priya's Notetaker", true},
		{"Priya’s Otter.ai", true},
		{"Priya's Fathom Notetaker", true},
		{"Notetaker (Otter.ai)", true},
		{"Otter.ai (Priya Shah)", true},
		{"Grain Bot", true},
		{"  Fathom   Notetaker ", true},
		// People whose names hold a tool's name.
		{"Rowan Gong", false},
		{"Ana Grain", false},
		{"Maria Chorus", false},
		{"Otter Reyes", false},
		{"Grainger Holt", false},
		{"Fathom Okafor", false},
		// A person of a company named after a tool, and generic people.
		{"Priya Shah (Fathom)", false},
		{"Zoom user", false},
		{"iPhone", false},
		{"Speaker 2", false},
		{"Priya's Manager", false},
		{"Notes", false},
		{"Assistant", false},
	} {
		t.Run(tc.label, func(t *testing.T) {
			if got := IsBot(tc.label); got != tc.want {
				t.Errorf("IsBot(%q) = %v, want %v", tc.label, got, tc.want)
			}
		})
	}
}

func TestIsToolMarker(t *testing.T) {
	for _, tc := range []struct {
		label string
		want  bool
	}{
		{"Screen sharing", true},
		{"SCREEN SHARING", true},
		{"Screen share", true},
		{"Started screen sharing", true},
		{"Recording started", true},
		{"Recording", true},
		{"Recording paused", true},
		{"Transcription stopped", true},
		{"Meeting ended", true},
		{"Call has ended", true},
		{"Rowan Gong", false},
		{"Sharon Screen", false},
		{"Recording Studio", false},
		{"Speaker 1", false},
	} {
		t.Run(tc.label, func(t *testing.T) {
			if got := IsToolMarker(tc.label); got != tc.want {
				t.Errorf("IsToolMarker(%q) = %v, want %v", tc.label, got, tc.want)
			}
		})
	}
}

// TestBotsLeaveTheCall parses transcripts with bots in them: the bots'
// lines are gone, people whose names hold a tool's name stay, and a tool's
// marker line does not become a speaker.
func TestBotsLeaveTheCall(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		speakers   []string
		turns      int
		first      string // the first turn's text, when it matters
	}{
		{"bot by its name",
			"Fathom Notetaker: Fathom is taking notes for Hana.\nHana Vos: Hi Rowan, thanks for joining.\nRowan Gong: Happy to.\n",
			[]string{"Hana Vos", "Rowan Gong"}, 2, ""},
		{"bot by what it says",
			"Meetly: This meeting is being recorded.\nHana Vos: Hi Rowan, thanks for joining.\nRowan Gong: Happy to.\nMeetly: This meeting is being recorded.\nHana Vos: So, where do you stand?\n",
			[]string{"Hana Vos", "Rowan Gong"}, 3, ""},
		{"a person who mentions the recording stays",
			"Hana Vos: This call is being recorded for my notes, is that all right?\nRowan Gong: Sure.\nHana Vos: Great, let's start.\n",
			[]string{"Hana Vos", "Rowan Gong"}, 3, ""},
		{"marker between turns",
			"Hana Vos\nLet me show you the dashboard.\nSCREEN SHARING\nHana started screen sharing\nThis is the weekly view.\nRowan Gong\nThat looks clear.\nHana Vos\nAny questions so far?\n",
			[]string{"Hana Vos", "Rowan Gong"}, 3, "Let me show you the dashboard. This is the weekly view."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse("bots.txt", []byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Speakers(); !slices.Equal(got, tc.speakers) {
				t.Errorf("speakers = %q, want %q", got, tc.speakers)
			}
			if len(c.Turns) != tc.turns {
				for i, tt := range c.Turns {
					t.Logf("turn %d: %q %q", i, tt.Speaker, tt.Text)
				}
				t.Errorf("%d turns, want %d", len(c.Turns), tc.turns)
			}
			if tc.first != "" && c.Turns[0].Text != tc.first {
				t.Errorf("first turn %q, want %q", c.Turns[0].Text, tc.first)
			}
		})
	}
}
