package transcript

import (
	"path/filepath"
	"testing"
)

func TestParseDeepgram(t *testing.T) {
	tests := []case8{
		{file: "formats/deepgram/routing-utterances.json", timed: true, turns: []turn8{
			{"Speaker 0", Unknown, 0.24, 9.86, "Hi Ben, it's Claire from Routewise..."},
			{"Speaker 1", Unknown, 10.5, 15.66, "It is. Our dispatcher builds routes by hand every morning and it takes her two hours."},
			{"Speaker 0", Unknown, 16.2, 17.86, "What happens on days she's out?"},
			{"Speaker 1", Unknown, 18.4, 20.96, "Then I do it, and it takes me three hours."},
			{"Speaker 0", Unknown, 21.6, 29.26, "Routewise builds the routes automatically from your orders..."},
			{"Speaker 1", Unknown, 29.9, 33.96, "We looked at something similar last year and the drivers hated it."},
			{"Speaker 0", Unknown, 34.5, 36.06, "What did they hate about it?"},
			{"Speaker 1", Unknown, 36.7, 41.16, "It sent them on routes that ignored the loading dock schedule."},
		}},
		// No utterances: turns come from diarized words, punctuated.
		{file: "formats/deepgram/inbound-words.json", timed: true, turns: []turn8{
			{"Speaker 0", Unknown, 0.3, 2.86, "Thanks for calling Quillpoint, this is Sam."},
			{"Speaker 1", Unknown, 3.5, 8.36, "Hi Sam, I'm looking for contract management software for a team of twelve lawyers."},
			{"Speaker 0", Unknown, 8.9, 11.56, "Great. What are you using for contracts today?"},
			{"Speaker 1", Unknown, 12.1, 14.16, "Shared folders and a lot of email."},
			{"Speaker 0", Unknown, 14.8, 20.86, "Got it. I can set up a demo with our legal team specialist this week. Does Thursday work?"},
			{"Speaker 1", Unknown, 21.4, 22.76, "Thursday afternoon works."},
		}},
	}
	for _, tc := range tests {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			check8(t, parseFixture8(t, tc.file), tc)
		})
	}
}

func TestParseDeepgramForms(t *testing.T) {
	tests := []struct {
		name  string
		json  string
		timed bool
		want  []turn8
	}{
		{"multichannel words without diarization", `{"metadata":{"channels":2},"results":{"channels":[
			{"alternatives":[{"transcript":"hello","words":[{"word":"hello","start":0.1,"end":0.5}]}]},
			{"alternatives":[{"transcript":"hi","words":[{"word":"hi","start":0.7,"end":0.9}]}]}]}}`,
			true, []turn8{{"Channel 0", Unknown, 0.1, 0.5, "hello"}, {"Channel 1", Unknown, 0.7, 0.9, "hi"}}},
		{"multichannel utterances", `{"results":{"channels":[{"alternatives":[]},{"alternatives":[]}],"utterances":[
			{"start":2,"end":3,"channel":1,"transcript":"Second."},{"start":0,"end":1,"channel":0,"transcript":"First."}]}}`,
			true, []turn8{{"Channel 0", Unknown, 0, 1, "First."}, {"Channel 1", Unknown, 2, 3, "Second."}}},
		{"transcript only", `{"results":{"channels":[{"alternatives":[{"transcript":"just words","words":[]}]}]}}`,
			false, []turn8{{"", Unknown, 0, 0, "just words"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !sniffDeepgram("d.json", []byte(tc.json)) {
				t.Fatal("not sniffed as deepgram")
			}
			c, err := Parse("d.json", []byte(tc.json))
			if err != nil {
				t.Fatal(err)
			}
			check8(t, c, case8{timed: tc.timed, turns: tc.want})
		})
	}
}
