package transcript

import (
	"errors"
	"path/filepath"
	"testing"
)

func TestParseAssemblyAI(t *testing.T) {
	tests := []case8{
		{file: "formats/assemblyai/onboarding-utterances.json", timed: true, turns: []turn8{
			{"Speaker A", Unknown, 0.8, 6.96, "Hi Monica, thanks for joining. I know you only have twenty minutes, so should we start with your onboarding process?"},
			{"Speaker B", Unknown, 7.6, 12.06, "Sure. Right now onboarding a new hire takes about eleven separate forms."},
			{"Speaker A", Unknown, 12.7, 15.36, "Eleven. Which of those cause the most trouble?"},
			{"Speaker B", Unknown, 16.0, 22.26, "The benefits enrollment..."},
			{"Speaker A", Unknown, 22.9, 31.56, "Our onboarding module sends reminders until the enrollment is done..."},
			{"Speaker B", Unknown, 32.2, 37.46, "I'd want to see it. My concern is that our payroll provider is pretty old."},
			{"Speaker A", Unknown, 38.1, 42.56, "Which provider is it? I'd rather check the integration now than surprise you later."},
			{"Speaker B", Unknown, 43.2, 45.86, "Paylocity, the version from twenty eighteen."},
		}},
		// utterances is null: turns come from the diarized words.
		{file: "formats/assemblyai/cold-call-words.json", timed: true, turns: []turn8{
			{"Speaker A", Unknown, 0.5, 4.86, "Hey, this is Jordan with Boostly. Just touching base to see if you've got a minute."},
			{"Speaker B", Unknown, 5.5, 7.16, "A minute, sure. What is it?"},
			{"Speaker A", Unknown, 7.8, 12.36, "Our marketing platform doubles your leads in thirty days, no risk at all."},
			{"Speaker B", Unknown, 13.0, 14.86, "We're not really looking right now."},
			{"Speaker A", Unknown, 15.4, 18.26, "No problem at all, I'll call you next quarter."},
		}},
	}
	for _, tc := range tests {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			check8(t, parseFixture8(t, tc.file), tc)
		})
	}
}

func TestParseAssemblyAIForms(t *testing.T) {
	tests := []struct {
		name  string
		json  string
		timed bool
		want  []turn8
		err   error
	}{
		{"text only", `{"id":"x","status":"completed","text":"Hello there.","words":[{"text":"Hello","start":0,"end":300,"speaker":null}],"utterances":null,"audio_duration":2}`,
			false, []turn8{{"", Unknown, 0, 0, "Hello there."}}, nil},
		{"multichannel speakers are numbers", `{"status":"completed","utterances":[{"speaker":"1","start":0,"end":500,"text":"Hi."},{"speaker":"2","start":600,"end":900,"text":"Hello."}]}`,
			true, []turn8{{"Speaker 1", Unknown, 0, 0.5, "Hi."}, {"Speaker 2", Unknown, 0.6, 0.9, "Hello."}}, nil},
		{"still processing", `{"id":"x","status":"processing","text":null,"utterances":null,"audio_duration":null}`, false, nil, ErrNoSpeech},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !sniffAssemblyAI("a.json", []byte(tc.json)) {
				t.Fatal("not sniffed as assemblyai")
			}
			c, err := Parse("a.json", []byte(tc.json))
			if tc.err != nil {
				var pe *ParseError
				if !errors.Is(err, tc.err) || !errors.As(err, &pe) || pe.Format != "assemblyai" {
					t.Fatalf("err = %v, want %v as assemblyai", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			check8(t, c, case8{timed: tc.timed, turns: tc.want})
		})
	}
}
