package transcript

import (
	"testing"
)

func TestFormatVTT(t *testing.T) {
	checkFixtures(t, "webvtt", []callWant{
		{file: "zoom-name-prefix.vtt", speakers: []string{"Maya Chen", "Tom Alvarez"}, turns: 5, timed: true,
			at: map[int]Turn{
				0: {Speaker: "Maya Chen", Start: 1.2, End: 5.9, Text: "Hi Tom, thanks for making time. I'm Maya from Brightwave."},
				// A multi-line cue and the unlabelled cue after it.
				2: {Speaker: "Maya Chen", Start: 9.8, End: 19, Text: "Great. Last week you mentioned your month-end close takes the finance team almost two weeks. Is that still the biggest pain?"},
			}},
		{file: "voice-tags.vtt", speakers: []string{"Priya Nair", "Daniel Okafor"}, turns: 6, timed: true,
			at: map[int]Turn{
				3: {Speaker: "Daniel Okafor", Start: 14.3, End: 20.1, Text: "It doubled since we opened the second plant."},
				4: {Speaker: "Priya Nair", Start: 14.3, End: 20.1, Text: "Doubled, wow."},
				5: {Speaker: "Daniel Okafor", Start: 20.4, End: 26, Text: "Yes. But honestly, budget is frozen until July."},
			}},
		{file: "no-header.vtt", speakers: []string{"Sofia Rossi", "Mark Lindqvist"}, turns: 4, timed: true,
			at: map[int]Turn{
				3: {Speaker: "Mark Lindqvist", Start: 62.345, End: 69, Text: "Our store managers spend every Sunday building rotas in spreadsheets."},
			}},
		{file: "bom.vtt", speakers: []string{"Lena Fischer", "James Whitaker"}, turns: 4, timed: true,
			at: map[int]Turn{
				0: {Speaker: "Lena Fischer", Start: 0, End: 3.5, Text: "Hello James, Lena from Quillstack. Thanks for joining."},
			}},
		{file: "cue-settings.vtt", speakers: []string{"Ravi Patel", "Grace Liu"}, turns: 4, timed: true,
			at: map[int]Turn{
				0: {Speaker: "Ravi Patel", Start: 1, End: 5, Text: "Hi Grace, Ravi from Orbitdesk. Thanks for the time."},
				1: {Speaker: "Grace Liu", Start: 5.5, End: 9, Text: "Sure & welcome. Go ahead."},
				2: {Speaker: "Ravi Patel", Start: 9.5, End: 15, Text: "How does your support team route urgent tickets today?"},
			}},
		{file: "unlabelled.vtt", speakers: []string{""}, turns: 1, timed: true,
			at: map[int]Turn{
				0: {Start: 1, End: 11, Text: "Hi, this is Noah from Fieldcraft. Is this Emma? Yes, speaking. Great. I'm calling because your crews still schedule jobs by phone."},
			}},
	})
}

func TestFormatVTTSniff(t *testing.T) {
	cases := []struct {
		name, file, data string
		want             bool
	}{
		{"header", "a.txt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhi\n", true},
		{"header with text", "a", "WEBVTT - captions\n", true},
		{"header only", "a.vtt", "WEBVTT", true},
		{"bom", "a", "\xef\xbb\xbfWEBVTT\n", true},
		{"no header", "a", "1\n00:00:01.000 --> 00:00:02.000\nDana: hi\n", true},
		{"no header short times", "a", "00:01.000 --> 00:02.000\nDana: hi\n", true},
		{"srt commas", "a.vtt", "1\n00:00:01,000 --> 00:00:02,000\nDana: hi\n", false},
		{"dots named srt", "a.srt", "1\n00:00:01.000 --> 00:00:02.000\nDana: hi\n", false},
		{"not a header word", "a.vtt", "WEBVTTX\n", false},
		{"arrow in prose", "a.vtt", "Dana: the flow goes A --> B\nSam: ok\n", false},
		{"text", "a.vtt", "Dana: hi\nSam: hello\n", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := sniffVTT(tc.file, []byte(tc.data)); got != tc.want {
				t.Errorf("sniffVTT = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestFormatVTTCues(t *testing.T) {
	cases := []struct {
		name, data string
		want       []Turn
	}{
		{"voice class and tags", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v.loud.first Dana Reyes><b>Hi</b> <00:00:01.500>there</v>\n",
			[]Turn{{Speaker: "Dana Reyes", Start: 1, End: 2, Text: "Hi there"}}},
		{"label then unlabelled cues", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nDana: Hi\n\n00:00:02.000 --> 00:00:03.000\nhow are you\n\n00:00:03.000 --> 00:00:04.000\nSam: Fine\n",
			[]Turn{{Speaker: "Dana", Start: 1, End: 3, Text: "Hi how are you"}, {Speaker: "Sam", Start: 3, End: 4, Text: "Fine"}}},
		{"unlabelled first cue", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhello?\n\n00:00:02.000 --> 00:00:03.000\nDana: Hi\n",
			[]Turn{{Start: 1, End: 2, Text: "hello?"}, {Speaker: "Dana", Start: 2, End: 3, Text: "Hi"}}},
		{"prose colon is not a label", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nDana: Hi\n\n00:00:02.000 --> 00:00:03.000\nhere's the thing: it works\n",
			[]Turn{{Speaker: "Dana", Start: 1, End: 3, Text: "Hi here's the thing: it works"}}},
		{"lower-case label that recurs", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\niphone: Hi\n\n00:00:02.000 --> 00:00:03.000\nDana: Hello\n\n00:00:03.000 --> 00:00:04.000\niphone: Bye\n",
			[]Turn{{Speaker: "iphone", Start: 1, End: 2, Text: "Hi"}, {Speaker: "Dana", Start: 2, End: 3, Text: "Hello"}, {Speaker: "iphone", Start: 3, End: 4, Text: "Bye"}}},
		{"bot dropped", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nDana: Hi\n\n00:00:02.000 --> 00:00:03.000\nOtter.ai: recording\n\n00:00:03.000 --> 00:00:04.000\nDana: again\n",
			[]Turn{{Speaker: "Dana", Start: 1, End: 4, Text: "Hi again"}}},
		{"cue right after the header", "WEBVTT\nKind: captions\n00:00:01.000 --> 00:00:02.000\nDana: Hi\n",
			[]Turn{{Speaker: "Dana", Start: 1, End: 2, Text: "Hi"}}},
		{"end before start", "WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nDana: Hi\n",
			[]Turn{{Speaker: "Dana", Start: 5, End: 5, Text: "Hi"}}},
		{"cue number, blank lines, timing", "WEBVTT\n\n1\n\n\n00:00:01.000 --> 00:00:02.000\nDana: Hi\n\n\n\n2\n00:00:02.000 --> 00:00:03.000\nSam: Hello\n",
			[]Turn{{Speaker: "Dana", Start: 1, End: 2, Text: "Hi"}, {Speaker: "Sam", Start: 2, End: 3, Text: "Hello"}}},
		{"blank line between timing and text", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\nDana: Hi\n\n00:00:02.000 --> 00:00:03.000\nSam: Hello\n",
			[]Turn{{Speaker: "Dana", Start: 1, End: 2, Text: "Hi"}, {Speaker: "Sam", Start: 2, End: 3, Text: "Hello"}}},
		{"prose angle brackets kept", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nDana: a < b and c > d\n",
			[]Turn{{Speaker: "Dana", Start: 1, End: 2, Text: "a < b and c > d"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse("t.vtt", []byte(tc.data))
			if err != nil {
				t.Fatal(err)
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
