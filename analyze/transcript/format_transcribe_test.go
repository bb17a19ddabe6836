package transcript

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestFormatTranscribe(t *testing.T) {
	checkFixtures(t, "aws-transcribe", []callWant{
		{file: "speaker-labels.json", speakers: []string{"spk_0", "spk_1"}, turns: 5, timed: true,
			at: map[int]Turn{
				0: {Speaker: "spk_0", Start: 0.4, End: 5.23, Text: "Hi Rachel, this is Owen from Fleetlogic. Thanks for taking my call."},
				3: {Speaker: "spk_1", Start: 16.67, End: 20.13, Text: "About two hours, and fuel costs keep going up."},
			}},
		{file: "item-speaker-labels.json", speakers: []string{"spk_0", "spk_1"}, turns: 4, timed: true,
			at: map[int]Turn{
				1: {Speaker: "spk_1", Start: 6.1, End: 7.14, Text: "Yes, go ahead."},
			}},
		{file: "segment-times-only.json", speakers: []string{"spk_0", "spk_1"}, turns: 4, timed: true,
			at: map[int]Turn{
				3: {Speaker: "spk_1", Start: 13.8, End: 15.51, Text: "By email. Managers forget."},
			}},
		{file: "channel-labels.json", speakers: []string{"ch_0", "ch_1"}, turns: 5, timed: true,
			at: map[int]Turn{
				1: {Speaker: "ch_1", Start: 6.33, End: 10.62, Text: "Hi Maria. We want to replace our warehouse scanners' software."},
			}},
		{file: "audio-segments.json", speakers: []string{"spk_0", "spk_1"}, turns: 5, timed: true,
			at: map[int]Turn{
				4: {Speaker: "spk_0", Start: 18.58, End: 23.52, Text: "What would need to be true for you to change that this quarter?"},
			}},
	})
}

func TestFormatTranscribeSniff(t *testing.T) {
	cases := []struct {
		name, data string
		want       bool
	}{
		{"transcripts", `{"jobName":"j","results":{"transcripts":[],"items":[]}}`, true},
		{"speaker labels", `{"results":{"speaker_labels":{},"items":[]}}`, true},
		{"no items yet", `{"results":{"transcripts":[{"transcript":"hi"}]}}`, true},
		{"results array", `{"results":[{"alternatives":[{"transcript":"hi"}]}]}`, false},
		{"other results", `{"results":{"channels":[{"alternatives":[{"transcript":"hi","words":[{"word":"transcripts"}]}]}]}}`, false},
		{"no results", `{"transcripts":[]}`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := sniffTranscribe("t.json", []byte(tc.data)); got != tc.want {
				t.Errorf("sniffTranscribe = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestFormatTranscribeItems(t *testing.T) {
	cases := []struct {
		name, data string
		want       []Turn
		timed      bool
	}{
		{"numbers as times", `{"results":{"transcripts":[],"items":[
			{"start_time":1,"end_time":1.5,"speaker_label":"spk_0","alternatives":[{"content":"Hi"}],"type":"pronunciation"},
			{"alternatives":[{"content":"."}],"type":"punctuation"},
			{"start_time":2,"end_time":2.5,"speaker_label":"spk_1","alternatives":[{"content":"Hello"}],"type":"pronunciation"}]}}`,
			[]Turn{{Speaker: "spk_0", Start: 1, End: 1.5, Text: "Hi."}, {Speaker: "spk_1", Start: 2, End: 2.5, Text: "Hello"}}, true},
		{"no speakers", `{"results":{"transcripts":[],"items":[
			{"start_time":"1","end_time":"1.5","alternatives":[{"content":"Hi"}],"type":"pronunciation"},
			{"start_time":"2","end_time":"2.5","alternatives":[{"content":"there"}],"type":"pronunciation"}]}}`,
			[]Turn{{Start: 1, End: 2.5, Text: "Hi there"}}, true},
		{"leading punctuation and empty items", `{"results":{"transcripts":[],"items":[
			{"alternatives":[{"content":","}],"type":"punctuation"},
			{"alternatives":[],"type":"pronunciation"},
			{"start_time":"1","end_time":"1.5","alternatives":[{"content":"Hi"}],"type":"pronunciation"}]}}`,
			[]Turn{{Start: 1, End: 1.5, Text: "Hi"}}, true},
		{"untimed word", `{"results":{"transcripts":[],"items":[
			{"start_time":"1","end_time":"1.5","speaker_label":"spk_0","alternatives":[{"content":"Hi"}],"type":"pronunciation"},
			{"speaker_label":"spk_1","alternatives":[{"content":"Hello"}],"type":"pronunciation"}]}}`,
			[]Turn{{Speaker: "spk_0", Text: "Hi"}, {Speaker: "spk_1", Text: "Hello"}}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse("t.json", []byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if c.Format != "aws-transcribe" || c.Timed != tc.timed {
				t.Errorf("format %q timed %v, want aws-transcribe, %v", c.Format, c.Timed, tc.timed)
			}
			if len(c.Turns) != len(tc.want) {
				t.Fatalf("turns = %+v\nwant %+v", c.Turns, tc.want)
			}
			for i := range tc.want {
				if !sameTurn(c.Turns[i], tc.want[i]) {
					t.Errorf("turn %d = %+v\nwant %+v", i, c.Turns[i], tc.want[i])
				}
			}
		})
	}
}

// TestFormatTranscribeSamples reads the real Transcribe outputs kept in
// shared/samples beside the repository. They are not copied into the repo.
func TestFormatTranscribeSamples(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "samples", "aws-transcribe")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("real samples missing in CI: %v", err)
		}
		t.Skipf("real samples not found at %s: %v", dir, err)
	}
	cases := []struct {
		file     string
		speakers []string
		turns    int
		words    int
	}{
		{"speaker-identification.json", []string{"spk_0", "spk_1", "spk_2"}, 7, 354},
		{"channel-identification.json", []string{"ch_1", "ch_0"}, 7, 354},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			c, err := Parse(path, data)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if c.Format != "aws-transcribe" || !c.Timed {
				t.Errorf("format %q timed %v", c.Format, c.Timed)
			}
			if got := c.Speakers(); !slices.Equal(got, tc.speakers) {
				t.Errorf("speakers = %q, want %q", got, tc.speakers)
			}
			if len(c.Turns) != tc.turns {
				t.Errorf("%d turns, want %d", len(c.Turns), tc.turns)
			}
			words := 0
			for i, turn := range c.Turns {
				words += len(strings.Fields(turn.Text))
				if turn.End < turn.Start || i > 0 && turn.Start < c.Turns[i-1].Start {
					t.Errorf("turn %d times %v..%v out of order", i, turn.Start, turn.End)
				}
			}
			if words != tc.words {
				t.Errorf("%d words, want %d", words, tc.words)
			}
		})
	}
}
