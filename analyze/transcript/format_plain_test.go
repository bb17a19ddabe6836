package transcript

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestParsePlain(t *testing.T) {
	tests := []case8{
		// The title line is left out; the paragraphs are one speaker's and
		// are joined.
		{file: "formats/plain/practice-pitch.txt", turns: []turn8{
			{"", Unknown, 0, 0, "Hi Priya, this is Nadia from Ledgerline. I noticed Pinecrest opened a new plant in Harrisburg this spring, and plants that size usually add a lot of invoice volume in their first year. Many finance teams..."},
		}},
		{file: "formats/plain/voicemail.md", turns: []turn8{
			{"", Unknown, 0, 0, "Hi Rosa, it's Tom from Fieldhand. We just launched version five of our field service platform, and it is honestly the best in the industry. It will cut your technicians' drive time in half, guaranteed. I'd love to show you a quick demo of all our features. Give me a call back at your convenience. Thanks!"},
		}},
	}
	for _, tc := range tests {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			c := parseFixture8(t, tc.file)
			check8(t, c, tc)
			if strings.Contains(c.Turns[0].Text, "Practice pitch") {
				t.Error("the title was read as speech")
			}
		})
	}
}

func TestParsePlainParagraphs(t *testing.T) {
	c, err := parsePlain("p.txt", fixture8(t, "formats/plain/practice-pitch.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Hi Priya, this is Nadia", "Many finance teams", "If it is, we've helped", "Would you be open"}
	if len(c.Turns) != len(want) {
		t.Fatalf("%d paragraphs, want %d", len(c.Turns), len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(c.Turns[i].Text, w) || c.Turns[i].Speaker != "" || c.Timed {
			t.Errorf("paragraph %d = %+v, want an unlabelled untimed turn starting %q", i, c.Turns[i], w)
		}
	}
}

func TestSniffPlain(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool
	}{
		{"prose", "Hi Priya, this is Nadia. I noticed your new plant.\n\nWould you be open to a call?\n", true},
		{"short line without punctuation", "hello there friend", true},
		{"json", `{"text": "Hello there, this is prose."}`, false},
		{"html", "<p>Hello there, this is prose.</p>", false},
		{"array", "[1, 2, 3]", false},
		{"csv", "name,start,end,text\nJane,0,1,Hello\nJohn,1,2,Hi there\nJane,2,3,Bye now\n", false},
		{"tsv", "name\tstart\ttext\nJane\t0\tHello\nJohn\t1\tHi\n", false},
		{"yaml", "call_type: practice\nrep: Jane\naccount: Acme\nnotes: Hello there.\n", false},
		{"name: text lines", "Jane: Hello there.\nJohn: Hi, how are you?\nJane: Fine.\n", false},
		{"bullets", "Plan\n- Call Acme.\n- Send the deck.\n- Book the demo.\n", false},
		{"code", "func main() {\n\tfmt.Println(\"hi\");\n}\n", false},
		{"timestamps", "00:01 Hello there.\n00:05 Hi, how are you?\n", false},
		{"numbers", "12 34 56 78 90 12 34 56\n", false},
		{"webvtt", "WEBVTT\n\nHello there.\n", false},
		{"blank", "  \n\n", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := sniffPlain("p.txt", []byte(tc.text)); got != tc.want {
				t.Errorf("sniffPlain = %v, want %v", got, tc.want)
			}
		})
	}
}
