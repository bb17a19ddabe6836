package transcript

import (
	"strings"
	"testing"
)

func TestFormatText(t *testing.T) {
	checkFixtures(t, "text", []callWant{
		{file: "name-colon.txt", speakers: []string{"Ethan Brooks", "Nora Kim"}, turns: 5,
			at: map[int]Turn{
				2: {Speaker: "Ethan Brooks", Text: "On our last call you said your weekly sales report takes a day to build. Could you walk me through how it gets made today?"},
				3: {Speaker: "Nora Kim", Text: "Someone exports from three systems and pastes it into a spreadsheet. It breaks whenever a column changes."},
			}},
		{file: "markdown.md", speakers: []string{"Isabel Moreno", "Peter Hall"}, turns: 5,
			at: map[int]Turn{
				2: {Speaker: "Isabel Moreno", Text: "They mentioned missed appointment reminders. How often do patients no-show?"},
				3: {Speaker: "Peter Hall", Text: "Around twelve percent. It adds up across four clinics."},
			}},
		{file: "timestamps.txt", speakers: []string{"Ryan Cooper", "Mei Tanaka"}, turns: 5, timed: true,
			at: map[int]Turn{
				2: {Speaker: "Ryan Cooper", Start: 10, End: 24, Text: "Then I'll keep it short. You're hiring four account managers this quarter. How are you planning to onboard them?"},
				3: {Speaker: "Mei Tanaka", Start: 24, End: 62, Text: "Shadowing, mostly. It takes them two months to ramp."},
				4: {Speaker: "Ryan Cooper", Start: 62, End: 62, Text: "What would a faster ramp be worth to you?"},
			}},
		{file: "bracketed-timestamps.txt", speakers: []string{"Amara Obi", "Lucas Meyer"}, turns: 4, timed: true,
			at: map[int]Turn{
				2: {Speaker: "Amara Obi", Start: 9, End: 21, Text: "Yes. Cold storage sites like yours often pay peak rates at night. Do you know what share of your bill is peak pricing?"},
			}},
		{file: "header-blocks.txt", speakers: []string{"Julia Santos", "Omar Haddad"}, turns: 4, timed: true,
			at: map[int]Turn{
				2: {Speaker: "Julia Santos", Start: 15, End: 31, Text: "Great. You mentioned rates are still set by hand each morning. How many properties does that cover?"},
			}},
		{file: "header-blocks-time-after.txt", speakers: []string{"Simon Archer", "Beatriz Costa"}, turns: 4, timed: true,
			at: map[int]Turn{
				1: {Speaker: "Beatriz Costa", Start: 6, End: 11, Text: "Hi Simon. We are reviewing vendors this month."},
			}},
		{file: "name-dash-time-tool-markers.txt", speakers: []string{"Dana Whitfield", "Kwame Osei"}, turns: 4, timed: true,
			at: map[int]Turn{
				// The lines the meeting tool wrote are not anybody's words.
				1: {Speaker: "Kwame Osei", Start: 21, End: 42, Text: "Each office manager keeps a spreadsheet. When a hygienist calls in sick they text around until somebody covers."},
				2: {Speaker: "Dana Whitfield", Start: 42, End: 50, Text: "How often does a shift go uncovered?"},
				3: {Speaker: "Kwame Osei", Start: 50, End: 50, Text: "Maybe twice a month per clinic."},
			}},
		{file: "role-annotations.txt", speakers: []string{"Speaker A", "Speaker B"}, turns: 6, rolesFromFile: true,
			at: map[int]Turn{
				0: {Speaker: "Speaker A", Role: Seller, Text: "Hi, this is Chloe from Paylane. Am I speaking with the finance lead?"},
				// Later turns without the annotation keep the speaker's role.
				5: {Speaker: "Speaker B", Role: Customer, Text: "Two days, with approvals."},
			}},
		{file: "name-brackets-roles.txt", speakers: []string{"Zoe Adams", "Kevin Walsh"}, turns: 4, rolesFromFile: true,
			at: map[int]Turn{
				2: {Speaker: "Zoe Adams", Role: Seller, Text: "How many applications do you get per opening?"},
				3: {Speaker: "Kevin Walsh", Role: Customer, Text: "Two hundred, sometimes more."},
			}},
		{file: "speaker-role-lines.txt", speakers: []string{"Agent", "Prospect"}, turns: 4, rolesFromFile: true,
			at: map[int]Turn{
				1: {Speaker: "Prospect", Role: Customer, Text: "Oh, right. We haven't decided about the renewal yet."},
			}},
		{file: "one-speaker.txt", speakers: []string{"Dylan Reed"}, turns: 1},
	})
}

func TestFormatTextSniff(t *testing.T) {
	cases := []struct {
		name, data string
		want       bool
	}{
		{"two labels", "Dana: hi\nSam: hello\n", true},
		{"title first", "Transcript\n\nDana: hi\nSam: hello\n", true},
		{"one speaker twice", "Dana: hi\nDana: still me\n", true},
		{"markdown", "**Dana:** hi\n**Sam**: hello\n", true},
		{"timestamps", "00:00:01 dana: hi\n00:00:04 sam: hello\n", true},
		{"header blocks", "0:03 - Dana Reyes (Acme)\nhi\n0:09 - Sam Ortiz (Brightwave)\nhello\n", true},
		{"one label", "Dana: hi there\nand more words\n", false},
		{"prose with a note", "We met on Tuesday to review the plan.\nNote: this is a draft and may change.\nEveryone agreed to meet again.\n", false},
		{"notes and headers", "Note: draft\nSummary: the plan\nDate: 2026-03-02\n", false},
		{"lower-case prose labels", "the plan: ship it\nthe risk: none\n", false},
		{"label far down", "a\nb\nc\nd\ne\nf\ng\nh\ni\nDana: hi\nSam: hello\n", false},
		{"urls and times", "see https://example.com\nat 10:30 sharp\n", false},
		{"json", "{\n\"speaker\": \"Dana\",\n\"text\": \"hi\"\n}\n", false},
		{"sentences", "Why? Because: it is.\nSo what: nothing. Really: ok.\n", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := sniffText("t.txt", []byte(tc.data)); got != tc.want {
				t.Errorf("sniffText = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestFormatTextLines(t *testing.T) {
	cases := []struct {
		name, data string
		want       []Turn
		timed      bool
	}{
		{"header lines skipped", "Discovery call\nDate: 2026-03-02\nDana: Hi\nSam: Hello\n",
			[]Turn{{Speaker: "Dana", Text: "Hi"}, {Speaker: "Sam", Text: "Hello"}}, false},
		{"unlabelled opening speech kept", "Thanks everyone for joining today.\nDana: Hi\nSam: Hello\n",
			[]Turn{{Text: "Thanks everyone for joining today."}, {Speaker: "Dana", Text: "Hi"}, {Speaker: "Sam", Text: "Hello"}}, false},
		{"prose colon continues", "Dana: Hi\nhere's the thing: it works\nSam: Ok\n",
			[]Turn{{Speaker: "Dana", Text: "Hi here's the thing: it works"}, {Speaker: "Sam", Text: "Ok"}}, false},
		{"label with text below", "Dana:\nHi there\nSam:\nHello\n",
			[]Turn{{Speaker: "Dana", Text: "Hi there"}, {Speaker: "Sam", Text: "Hello"}}, false},
		{"some turns untimed", "00:00:01 Dana: Hi\nSam: Hello\n",
			[]Turn{{Speaker: "Dana", Text: "Hi"}, {Speaker: "Sam", Text: "Hello"}}, false},
		{"dash after timestamp", "[00:00:01] - Dana: Hi\n[00:00:03] - Sam: Hello\n",
			[]Turn{{Speaker: "Dana", Start: 1, End: 3, Text: "Hi"}, {Speaker: "Sam", Start: 3, End: 3, Text: "Hello"}}, true},
		{"role in header block", "0:01 - Dana Reyes\nSpeaker: agent\nHi\n0:04 - Sam Ortiz\nSpeaker: customer\nHello\n",
			[]Turn{{Speaker: "Dana Reyes", Role: Seller, Start: 1, End: 4, Text: "Hi"}, {Speaker: "Sam Ortiz", Role: Customer, Start: 4, End: 4, Text: "Hello"}}, true},
		{"bot dropped", "Dana: Hi\nFathom: recording started\nDana: again\nSam: Hello\n",
			[]Turn{{Speaker: "Dana", Text: "Hi again"}, {Speaker: "Sam", Text: "Hello"}}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse("t.txt", []byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if c.Format != "text" || c.Timed != tc.timed {
				t.Errorf("format %q timed %v, want text, %v", c.Format, c.Timed, tc.timed)
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

// TestIndexSpacedIsIndex checks indexSpaced against strings.Index of the
// separator it looks for.
func TestIndexSpacedIsIndex(t *testing.T) {
	pieces := []string{" ", "  ", "-", "–", "—", "|", "a", "0:03", "\xe2", "\xe2\x80", " - ", "--"}
	for _, mark := range []string{"-", "–", "—", "|"} {
		randomTexts(pieces, 8, func(s string) {
			if got, want := indexSpaced(s, mark), strings.Index(s, " "+mark+" "); got != want {
				t.Fatalf("indexSpaced(%q, %q) = %d, want %d", s, mark, got, want)
			}
		})
	}
}

// TestSniffTextStopsEarlyAlike compares sniffText, which answers as soon
// as two labels count, with counting every label of the window first.
func TestSniffTextStopsEarlyAlike(t *testing.T) {
	reference := func(data string) bool {
		var labels []textLine
		counts := map[string]int{}
		nonBlank := 0
		for line := range strings.Lines(data) {
			if strings.TrimSpace(line) == "" {
				continue
			}
			if nonBlank++; nonBlank > 200 {
				break
			}
			tl := textLabel(line)
			if !tl.label || notSpeaker(tl.name) {
				continue
			}
			if len(labels) == 0 && nonBlank > 8 {
				return false
			}
			labels = append(labels, tl)
			counts[tl.name]++
		}
		n := 0
		for _, tl := range labels {
			if tl.strong || nameLike(tl.name) || counts[tl.name] > 1 {
				n++
			}
		}
		return n >= 2
	}
	lines := []string{"Dana: hi\n", "Sam Ortiz: hello\n", "the plan: ship it\n", "the risk: none\n", "Note: draft\n",
		"**Dana:** hi\n", "00:00:01 dana: hi\n", "0:03 - Dana Reyes (Acme)\n", "and more words\n", "\n", "  \n",
		"Otter.ai: summary\n", "Agent: hello\n", "x: y\n"}
	trues := 0
	randomTexts(lines, 12, func(s string) {
		want := reference(s)
		if got := sniffText("t.txt", []byte(s)); got != want {
			t.Fatalf("sniffText(%q) = %v, counting every label gives %v", s, got, want)
		}
		if want {
			trues++
		}
	})
	if trues == 0 || trues == 100000 {
		t.Fatalf("%d of 100000 texts sniffed as text: the lines try too little", trues)
	}
}
