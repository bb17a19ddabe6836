package transcript

import (
	"path/filepath"
	"testing"
)

func TestParseWhisper(t *testing.T) {
	tests := []case8{
		// No speaker field: one unlabelled speaker, a practice pitch.
		{file: "formats/whisper/practice-pitch-verbose.json", timed: true, turns: []turn8{
			{"", Unknown, 0, 33.5, "Hi, this is Nadia from Ledgerline. I noticed Pinecrest opened a new plant in Harrisburg this spring..."},
		}},
		// WhisperX: the fourth segment lost its speaker; its words keep it.
		{file: "formats/whisper/demo-whisperx.json", timed: true, turns: []turn8{
			{"SPEAKER_00", Unknown, 0.3, 6.4, "Hi Derek, thanks for hopping on. Last time you mentioned your sales reps spend Fridays on reporting."},
			{"SPEAKER_01", Unknown, 7.0, 10.8, "Yeah, every Friday afternoon is gone to pipeline updates."},
			{"SPEAKER_00", Unknown, 11.3, 13.1, "How many reps are we talking about?"},
			{"SPEAKER_01", Unknown, 13.7, 18.2, "Fourteen, plus two managers who then rebuild it in a slide deck."},
			{"SPEAKER_00", Unknown, 18.8, 27.5, "Our platform is the most advanced on the market..."},
			{"SPEAKER_01", Unknown, 28.1, 31.4, "Okay, but will it work with our Salesforce setup?"},
			{"SPEAKER_00", Unknown, 31.9, 36.6, "Absolutely, it works with everything. You'll never have to touch a spreadsheet again."},
		}},
		{file: "formats/whisper/closing-segments-array.json", timed: true, turns: []turn8{
			{"SPEAKER_00", Unknown, 0, 7.1, "Good afternoon Helen. We sent the revised order form yesterday; did your legal team have a chance to review it?"},
			{"SPEAKER_01", Unknown, 7.1, 11.6, "They did. They're fine with everything except the auto-renewal clause."},
			{"SPEAKER_00", Unknown, 11.6, 13.5, "What would they prefer instead?"},
			{"SPEAKER_01", Unknown, 13.5, 17.2, "A sixty-day notice window before renewal, rather than thirty."},
			{"SPEAKER_00", Unknown, 17.2, 24.9, "I can take that to our contracts team today. If they agree, are we on track to sign by the end of the month?"},
			{"SPEAKER_01", Unknown, 24.9, 26.5, "If that changes, yes."},
		}},
	}
	for _, tc := range tests {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			check8(t, parseFixture8(t, tc.file), tc)
		})
	}
}

func TestParseWhisperForms(t *testing.T) {
	tests := []struct {
		name  string
		json  string
		timed bool
		want  []turn8
	}{
		{"whisper.cpp offsets in milliseconds", `{"systeminfo":"AVX = 1","model":{"type":"base"},"result":{"language":"en"},"transcription":[
			{"timestamps":{"from":"00:00:00,000","to":"00:00:02,500"},"offsets":{"from":0,"to":2500},"text":" Hi, it's Nadia."},
			{"timestamps":{"from":"00:00:02,500","to":"00:00:04,000"},"offsets":{"from":2500,"to":4000},"text":" Got a minute?"}]}`,
			true, []turn8{{"", Unknown, 0, 4, "Hi, it's Nadia. Got a minute?"}}},
		{"numeric speakers, a segment without one follows the one before", `[{"start":0,"end":1,"text":"One.","speaker":0},
			{"start":1,"end":2,"text":"Two.","speaker":1},{"start":2,"end":3,"text":"Three."}]`,
			true, []turn8{{"0", Unknown, 0, 1, "One."}, {"1", Unknown, 1, 3, "Two. Three."}}},
		{"text without segments", `{"text":"Hello there, this is a pitch.","segments":[],"language":"en"}`,
			false, []turn8{{"", Unknown, 0, 0, "Hello there, this is a pitch."}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !sniffWhisper("w.json", []byte(tc.json)) {
				t.Fatal("not sniffed as whisper")
			}
			c, err := Parse("w.json", []byte(tc.json))
			if err != nil {
				t.Fatal(err)
			}
			check8(t, c, case8{timed: tc.timed, turns: tc.want})
		})
	}
}

func TestSniffWhisper(t *testing.T) {
	tests := []struct {
		name, json string
		want       bool
	}{
		{"segments", `{"segments":[{"start":0,"end":1,"text":"hi"}]}`, true},
		{"array", "  \n[ {\"start\":0,\"end\":1,\"text\":\"hi\"}]", true},
		{"array of numbers", `[1, 2, 3]`, false},
		{"own json", `{"id":"x","turns":[{"speaker":"a","start":0,"end":1,"text":"hi"}],"segments":[]}`, false},
		{"empty array", `[]`, false},
		{"just a bracket", `[`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := sniffWhisper("x.json", []byte(tc.json)); got != tc.want {
				t.Errorf("sniffWhisper = %v, want %v", got, tc.want)
			}
		})
	}
}
