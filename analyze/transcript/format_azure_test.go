package transcript

import (
	"path/filepath"
	"testing"
)

func TestParseAzure(t *testing.T) {
	tests := []case8{
		{file: "formats/azure-batch/no-show-diarized.json", timed: true, turns: []turn8{
			{"Speaker 1", Unknown, 0.6, 11.3, "Hello Mr. Chen, this is Alicia from Clarion Analytics..."},
			{"Speaker 2", Unknown, 12.0, 18.1, "We've had no-shows climb since we added evening hours, and nobody can tell me why."},
			{"Speaker 1", Unknown, 18.7, 20.5, "How are you tracking them today?"},
			{"Speaker 2", Unknown, 21.1, 24.9, "A spreadsheet that the front desk updates when they remember."},
			{"Speaker 1", Unknown, 25.6, 36.8, "Clarion connects to your scheduling system..."},
			{"Speaker 2", Unknown, 37.4, 41.2, "That sounds useful. What would it take to try it on one clinic?"},
			{"Speaker 1", Unknown, 41.9, 51.5, "A thirty-day pilot on one clinic. I'll send a proposal with the data access we'd need, and can we review it together on Thursday?"},
		}},
		// Stereo: each channel's phrases are listed in turn; the NoMatch
		// phrase is skipped.
		{file: "formats/azure-batch/renewal-stereo.json", timed: true, turns: []turn8{
			{"Channel 0", Unknown, 0.4, 3.6, "Thanks for calling Brightdesk sales, this is Omar."},
			{"Channel 1", Unknown, 4.1, 10.2, "Hi Omar, our help desk contract renews next month and I want to understand the new pricing."},
			{"Channel 0", Unknown, 10.8, 16.5, "Happy to help. Can you tell me how many agents you have today and whether that's changing?"},
			{"Channel 1", Unknown, 17.1, 20.0, "Twenty-five agents now, probably thirty by summer."},
			{"Channel 0", Unknown, 20.7, 31.9, "At thirty agents the professional plan..."},
			{"Channel 1", Unknown, 32.6, 37.3, "That's more than we pay now. I need to discuss it with my manager."},
			{"Channel 0", Unknown, 37.9, 42.8, "Understood. What would your manager need to see to feel good about the increase?"},
		}},
	}
	for _, tc := range tests {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			check8(t, parseFixture8(t, tc.file), tc)
		})
	}
}

func TestParseAzureForms(t *testing.T) {
	tests := []struct {
		name  string
		json  string
		timed bool
		want  []turn8
	}{
		{"ISO offsets without ticks, display falls back to itn", `{"recognizedPhrases":[
			{"recognitionStatus":"Success","speaker":1,"offset":"PT1M2.5S","duration":"PT2S","nBest":[{"itn":"hello"}]},
			{"recognitionStatus":"Success","speaker":2,"offset":"PT1M5S","duration":"PT1S","nBest":[{"display":"Hi."}]}]}`,
			true, []turn8{{"Speaker 1", Unknown, 62.5, 64.5, "hello"}, {"Speaker 2", Unknown, 65, 66, "Hi."}}},
		{"one channel, no speakers", `{"recognizedPhrases":[
			{"recognitionStatus":"Success","channel":0,"offsetInTicks":10000000,"durationInTicks":5000000,"nBest":[{"display":"One."}]},
			{"recognitionStatus":"Success","channel":0,"offsetInTicks":20000000,"durationInTicks":5000000,"nBest":[{"display":"Two."}]}]}`,
			true, []turn8{{"", Unknown, 1, 2.5, "One. Two."}}},
		{"no times", `{"recognizedPhrases":[{"speaker":1,"nBest":[{"display":"One."}]},{"speaker":2,"nBest":[{"display":"Two."}]}]}`,
			false, []turn8{{"Speaker 1", Unknown, 0, 0, "One."}, {"Speaker 2", Unknown, 0, 0, "Two."}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse("a.json", []byte(tc.json))
			if err != nil {
				t.Fatal(err)
			}
			check8(t, c, case8{timed: tc.timed, turns: tc.want})
		})
	}
}

func TestAzureISODuration(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"PT1.5S", 1.5, true},
		{"PT1M2.5S", 62.5, true},
		{"PT1H", 3600, true},
		{"P1DT1S", 86401, true},
		{"PT0,5S", 0.5, true},
		{"pt2s", 2, true},
		{"1.5", 0, false},
		{"PT", 0, false},
		{"PT1.5", 0, false},
		{"PT1X", 0, false},
		{"P1H", 0, false},
		{"PTT1S", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := azureISODuration(tc.in)
			if got != tc.want || ok != tc.ok {
				t.Errorf("azureISODuration(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}
