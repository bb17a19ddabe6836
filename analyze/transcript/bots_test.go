package transcript

import (
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
