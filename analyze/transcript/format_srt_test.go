package transcript

import (
	"testing"
)

func TestFormatSRT(t *testing.T) {
	checkFixtures(t, "srt", []callWant{
		{file: "name-colon.srt", speakers: []string{"Carlos Mendez", "Aisha Rahman"}, turns: 4, timed: true,
			at: map[int]Turn{
				2: {Speaker: "Carlos Mendez", Start: 7.3, End: 13.9, Text: "Your engineering blog said deploys take a full day. I'd like to understand what slows them down."},
			}},
		{file: "bracket-names.srt", speakers: []string{"Hannah Brooks", "Victor Nguyen"}, turns: 4, timed: true,
			at: map[int]Turn{
				0: {Speaker: "Hannah Brooks", Start: 1, End: 4, Text: "Hello Victor, it's Hannah from Pipewell."},
				2: {Speaker: "Hannah Brooks", Start: 6.8, End: 12, Text: "You said your reps lose leads over the weekend. How many, roughly?"},
			}},
		{file: "dash-names.srt", speakers: []string{"Olivia Grant", "Ben Carter"}, turns: 4, timed: true,
			at: map[int]Turn{
				0: {Speaker: "Olivia Grant", Start: 0.5, End: 3, Text: "Hi Ben, Olivia from Cloudmint."},
				1: {Speaker: "Ben Carter", Start: 0.5, End: 3, Text: "Hi Olivia."},
			}},
		{file: "continuation-crlf.srt", speakers: []string{"Elena Petrova", "Sam Okoro"}, turns: 4, timed: true,
			at: map[int]Turn{
				2: {Speaker: "Elena Petrova", Start: 9.4, End: 19.5, Text: "Then I will be quick. Your drivers log deliveries on paper, is that right?"},
				3: {Speaker: "Sam Okoro", Start: 19.8, End: 25, Text: "Paper and photos of paper. Then someone types it all in."},
			}},
		{file: "period-millis.srt", speakers: []string{"Jonas Weber", "Claire Dubois"}, turns: 4, timed: true,
			at: map[int]Turn{
				3: {Speaker: "Claire Dubois", Start: 15.5, End: 20, Text: "About a week, and we still chase signatures."},
			}},
	})
}

func TestFormatSRTSniff(t *testing.T) {
	cases := []struct {
		name, file, data string
		want             bool
	}{
		{"commas", "a.txt", "1\n00:00:01,000 --> 00:00:02,000\nhi\n", true},
		{"no index", "a", "00:00:01,000 --> 00:00:02,000\nhi\n", true},
		{"dots named srt", "a.SRT", "1\n00:00:01.000 --> 00:00:02.000\nhi\n", true},
		{"no millis named srt", "a.srt", "1\n00:00:01 --> 00:00:02\nhi\n", true},
		{"dots", "a.txt", "1\n00:00:01.000 --> 00:00:02.000\nhi\n", false},
		{"webvtt header", "a.srt", "WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nhi\n", false},
		{"extension alone", "a.srt", "Dana: hi\nSam: hello\n", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := sniffSRT(tc.file, []byte(tc.data)); got != tc.want {
				t.Errorf("sniffSRT = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestFormatSRTLabels(t *testing.T) {
	cases := []struct {
		line, name, rest string
	}{
		{"Dana Reyes: hello", "Dana Reyes", "hello"},
		{"- Dana: hello", "Dana", "hello"},
		{"[Dana] hello", "Dana", "hello"},
		{"[Dana]: hello", "Dana", "hello"},
		{">> DANA: hello", "DANA", "hello"},
		{"[Music]", "", ""},
		{"Dana:hello", "", ""},
		{"at 10:30 sharp", "", ""},
		{"https://example.com", "", ""},
		{"Why not? Because: reasons", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.line, func(t *testing.T) {
			seg := captionSeg(tc.line)
			if seg.name != tc.name || (tc.name != "" && seg.rest != tc.rest) {
				t.Errorf("captionSeg = %q, %q; want %q, %q", seg.name, seg.rest, tc.name, tc.rest)
			}
		})
	}
}
