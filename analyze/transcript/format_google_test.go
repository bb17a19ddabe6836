package transcript

import (
	"path/filepath"
	"testing"
)

func TestParseGoogle(t *testing.T) {
	tests := []case8{
		{file: "formats/google-stt/cold-call-v1-diarized.json", timed: true, turns: []turn8{
			{"Speaker 1", Unknown, 0.3, 4.86, "Good morning, this is Tom from Fieldhand. Am I speaking with Ms. Alvarez?"},
			{"Speaker 2", Unknown, 5.4, 7.56, "Yes, this is Rosa. What is this about?"},
			{"Speaker 1", Unknown, 8.0, 14.16, "We just launched version five of our field service platform and I'd love to show you a quick demo."},
			{"Speaker 2", Unknown, 14.9, 20.06, "We already use a system for our technicians, so I'm not sure we need another one."},
			{"Speaker 1", Unknown, 20.6, 25.96, "Our platform is the best in the industry. It will cut your drive time in half, guaranteed."},
			{"Speaker 2", Unknown, 26.7, 31.46, "I'm pretty busy this week. Send me some information and I'll take a look."},
			{"Speaker 1", Unknown, 32.0, 34.36, "Great, I'll send it over right away."},
		}},
		{file: "formats/google-stt/discovery-v2-speaker-label.json", timed: true, turns: []turn8{
			{"Speaker 1", Unknown, 0.5, 8.96, "Thanks for making time, Luis. As we agreed last week..."},
			{"Speaker 2", Unknown, 9.6, 15.76, "Sure. We ship about four thousand orders a day and mis-picks run near two percent."},
			{"Speaker 1", Unknown, 16.3, 20.36, "What does a mis-pick cost you once it reaches the customer?"},
			{"Speaker 2", Unknown, 21.0, 28.86, "Return shipping, a reship..."},
			{"Speaker 1", Unknown, 29.5, 34.56, "And who besides you would need to be comfortable before changing how pickers work?"},
			{"Speaker 2", Unknown, 35.2, 40.66, "Our operations director, Karen. She worries about retraining during peak season."},
			{"Speaker 1", Unknown, 41.3, 47.96, "That's a fair concern. Could we set up a short call with Karen to talk through a rollout after peak?"},
		}},
		{file: "formats/google-stt/follow-up-operation.json", timed: true, turns: []turn8{
			{"Speaker 1", Unknown, 0.2, 4.56, "Hi Grace, following up on the trial your finance team started two weeks ago."},
			{"Speaker 2", Unknown, 5.1, 9.96, "Right. People like the receipt scanning, but the approvals feel slow."},
			{"Speaker 1", Unknown, 10.5, 16.16, "Slow in what way? Is it the number of steps or people not seeing the requests?"},
			{"Speaker 2", Unknown, 16.8, 20.26, "Mostly people not seeing them. The notifications get buried."},
			{"Speaker 1", Unknown, 20.9, 27.36, "We can route approvals into Slack. Would it help to turn that on for the rest of the trial?"},
			{"Speaker 2", Unknown, 28.0, 29.56, "Yes, let's try that."},
		}},
	}
	for _, tc := range tests {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			check8(t, parseFixture8(t, tc.file), tc)
		})
	}
}

func TestParseGoogleForms(t *testing.T) {
	tests := []struct {
		name  string
		json  string
		timed bool
		want  []turn8
	}{
		{"no diarization: one turn a result", `{"results":[
			{"alternatives":[{"transcript":"Hello there."}],"resultEndTime":"2.5s"},
			{"alternatives":[{"transcript":"How are you?"}],"resultEndTime":"4s"}]}`,
			true, []turn8{{"", Unknown, 0, 4, "Hello there. How are you?"}}},
		{"channels name the speakers", `{"results":[
			{"alternatives":[{"transcript":"Hello."}],"channelTag":1,"resultEndTime":"1.5s"},
			{"alternatives":[{"transcript":"Hi."}],"channelTag":2,"resultEndTime":"2s"}]}`,
			true, []turn8{{"Channel 1", Unknown, 0, 1.5, "Hello."}, {"Channel 2", Unknown, 0, 2, "Hi."}}},
		{"untagged words take the speaker around them", `{"results":[{"alternatives":[{"words":[
			{"startTime":"0s","endTime":"0.4s","word":"Hi","speakerTag":0},
			{"startTime":"0.5s","endTime":"0.9s","word":"there.","speakerTag":1},
			{"startTime":"1s","endTime":"1.4s","word":"Hello.","speakerTag":2}]}],"languageCode":"en-us"}]}`,
			true, []turn8{{"Speaker 1", Unknown, 0, 0.9, "Hi there."}, {"Speaker 2", Unknown, 1, 1.4, "Hello."}}},
		{"v2 results each with their own words", `{"results":[
			{"alternatives":[{"words":[{"startOffset":"0s","endOffset":"1s","word":"One.","speakerLabel":"A"}]}]},
			{"alternatives":[{"words":[{"startOffset":"2s","endOffset":"3s","word":"Two.","speakerLabel":"B"}]}]}]}`,
			true, []turn8{{"Speaker A", Unknown, 0, 1, "One."}, {"Speaker B", Unknown, 2, 3, "Two."}}},
		{"numeric and object durations", `{"results":[{"alternatives":[{"words":[
			{"startTime":1.25,"endTime":{"seconds":"2","nanos":500000000},"word":"Yes.","speakerTag":"1"}]}],"resultEndTime":{"seconds":3}}]}`,
			true, []turn8{{"Speaker 1", Unknown, 1.25, 2.5, "Yes."}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !sniffGoogle("g.json", []byte(tc.json)) {
				t.Fatal("not sniffed as google-stt")
			}
			c, err := Parse("g.json", []byte(tc.json))
			if err != nil {
				t.Fatal(err)
			}
			check8(t, c, case8{timed: tc.timed, turns: tc.want})
		})
	}
}

func TestSniffGoogle(t *testing.T) {
	tests := []struct {
		name, json string
		want       bool
	}{
		{"v1", `{"results":[{"alternatives":[{"transcript":"hi"}],"resultEndTime":"1s"}]}`, true},
		{"deepgram", `{"results":{"channels":[{"alternatives":[{"transcript":"hi"}]}]}}`, false},
		{"aws transcribe", `{"results":{"transcripts":[{"transcript":"hi"}],"items":[{"start_time":"0.1","alternatives":[{"content":"hi"}]}]}}`, false},
		{"no google key", `{"results":[{"alternatives":[{"transcript":"hi"}]}]}`, false},
		{"array", `[{"results":[]}]`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := sniffGoogle("x.json", []byte(tc.json)); got != tc.want {
				t.Errorf("sniffGoogle = %v, want %v", got, tc.want)
			}
		})
	}
}
