package transcript

import (
	"errors"
	"path/filepath"
	"strings"
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
		// Go's encoding/json of the client's response: snake_case, each
		// duration an object whose zero fields are left out; the last
		// result repeats the call's words with their speaker_tag.
		{file: "formats/google-stt/go-client-snake-objects.json", timed: true, turns: []turn8{
			{"Speaker 1", Unknown, 0, 4.3, "Hi Noor, this is Felix from Gridmark. Thanks for picking up."},
			{"Speaker 2", Unknown, 4.9, 8.8, "Hi Felix. I saw your email about the energy audit."},
			{"Speaker 1", Unknown, 9.4, 16.9, "Right. Your stores' cooling costs went up last summer, so I wanted to ask how you track them today."},
			{"Speaker 2", Unknown, 17.5, 21.0, "Each store manager reads the meters once a month."},
			{"Speaker 1", Unknown, 21.6, 25.5, "And when a unit fails between readings, who notices first?"},
			{"Speaker 2", Unknown, 26.1, 29.6, "Usually a customer, when the ice cream is soft."},
		}},
		// v2 as an operation, snake_case, seconds written as strings,
		// speaker_label on the words of each result.
		{file: "formats/google-stt/node-client-operation-v2.json", timed: true, turns: []turn8{
			{"Speaker 1", Unknown, 0.5, 6.0, "Good afternoon Erin, Paolo from Stackhaven. We spoke at the logistics fair in March."},
			{"Speaker 2", Unknown, 6.6, 9.3, "I remember. You mentioned the cold-chain sensors."},
			{"Speaker 1", Unknown, 9.9, 15.0, "Yes. What happens today when a reefer trailer drifts out of range overnight?"},
			{"Speaker 2", Unknown, 15.6, 19.9, "We find out in the morning and throw the load away."},
			{"Speaker 1", Unknown, 20.5, 23.2, "How often did that happen this year?"},
			{"Speaker 2", Unknown, 23.8, 26.5, "Three times, each about forty thousand dollars."},
		}},
		// No speaker tags (speaker_tag 0 everywhere, as the proto-plus
		// serialiser writes defaults): one turn without a speaker.
		{file: "formats/google-stt/practice-pitch-snake-strings.json", timed: true, turns: []turn8{
			{"", Unknown, 0, 18.8, "Hi Priya, this is Nadia from Ledgerline. I noticed Pinecrest opened a new plant in Harrisburg this spring. Plants that grow that fast usually struggle to close the books on time. Would it be worth twenty minutes next week to compare notes?"},
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
		{"snake_case objects with a field missing", `{"results":[{"alternatives":[{"words":[
			{"start_time":{},"end_time":{"nanos":400000000},"word":"Hi","speaker_tag":1},
			{"start_time":{"seconds":"1"},"end_time":{"seconds":1,"nanos":"700000000"},"word":"there.","speaker_tag":2}]}]}]}`,
			true, []turn8{{"Speaker 1", Unknown, 0, 0.4, "Hi"}, {"Speaker 2", Unknown, 1, 1.7, "there."}}},
		{"snake_case strings and speaker_label", `{"results":[{"alternatives":[{"words":[
			{"start_offset":"0.5s","end_offset":"1s","word":"One.","speaker_label":"A"},
			{"start_offset":"2s","end_offset":"3.25s","word":"Two.","speaker_label":"B"}]}]}]}`,
			true, []turn8{{"Speaker A", Unknown, 0.5, 1, "One."}, {"Speaker B", Unknown, 2, 3.25, "Two."}}},
		{"snake_case channels", `{"results":[
			{"alternatives":[{"transcript":"Hello."}],"channel_tag":1,"result_end_time":{"seconds":"1","nanos":500000000}},
			{"alternatives":[{"transcript":"Hi."}],"channel_tag":2,"result_end_time":"2s"}]}`,
			true, []turn8{{"Channel 1", Unknown, 0, 1.5, "Hello."}, {"Channel 2", Unknown, 0, 2, "Hi."}}},
		{"words without a transcript, no speakers", `{"results":[{"alternatives":[{"words":[
			{"start_time":"0s","end_time":"0.5s","word":"Just"},{"start_time":"0.6s","end_time":"1s","word":"me."}]}],"result_end_time":"1.2s"}]}`,
			true, []turn8{{"", Unknown, 0, 1.2, "Just me."}}},
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
		{"snake_case", `{"results":[{"alternatives":[{"words":[{"start_time":{"seconds":1},"word":"hi","speaker_tag":1}]}]}]}`, true},
		{"snake_case operation", `{"name":"op","response":{"results":[{"alternatives":[{"transcript":"hi"}],"result_end_time":"1s"}]}}`, true},
		{"snake_case keys under a results object", `{"results":{"items":[{"start_time":"0.1","alternatives":[{"content":"hi"}],"speaker_label":"spk_0"}]}}`, false},
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

// TestParseGoogleOneSpeaker checks that a transcript without speaker tags
// is a practice pitch only.
func TestParseGoogleOneSpeaker(t *testing.T) {
	c := parseFixture8(t, "formats/google-stt/practice-pitch-snake-strings.json")
	if err := c.CheckSpeakers(false); !errors.Is(err, ErrSpeakers) {
		t.Errorf("CheckSpeakers(false) = %v, want %v", err, ErrSpeakers)
	}
	if err := c.CheckSpeakers(true); err != nil {
		t.Errorf("CheckSpeakers(true) = %v", err)
	}
}

// TestParseGoogleBadDuration checks that a duration that is not one is an
// error naming the file, the format, the field and where it stands,
// without quoting the value.
func TestParseGoogleBadDuration(t *testing.T) {
	tests := []struct {
		name, json, path string
	}{
		{"seconds not a number", `{"results":[{"alternatives":[{"words":[{"start_time":{"seconds":"soon"},"word":"a","speaker_tag":1}]}]}]}`,
			"results[0].alternatives[0].words[0].start_time"},
		{"nanos not a number", `{"results":[{"alternatives":[{"words":[{"startTime":"1s","endTime":{"nanos":[1]},"word":"a","speakerTag":1}]}]}]}`,
			"results[0].alternatives[0].words[0].endTime"},
		{"negative", `{"results":[{"alternatives":[{"words":[{"start_time":"-2s","word":"a","speaker_tag":1}]}]}]}`,
			"results[0].alternatives[0].words[0].start_time"},
		{"not finite", `{"results":[{"alternatives":[{"words":[{"startTime":"NaNs","word":"a","speakerTag":1}]}]}]}`,
			"results[0].alternatives[0].words[0].startTime"},
		{"result end in an operation", `{"response":{"results":[{"alternatives":[{"transcript":"a"}],"result_end_time":{"seconds":"later"}}]}}`,
			"response.results[0].result_end_time"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(tc.json)
			c, err := Parse("g.json", data)
			var pe *ParseError
			if c != nil || !errors.As(err, &pe) {
				t.Fatalf("Parse = %v, %v; want no call and a ParseError", c, err)
			}
			if pe.Format != "google-stt" || !errors.Is(err, ErrSyntax) || !strings.Contains(err.Error(), tc.path+": not a duration") {
				t.Errorf("err = %v, want a google-stt syntax error at %s", err, tc.path)
			}
			key := tc.path[strings.LastIndexByte(tc.path, '.')+1:]
			at := strings.Index(tc.json, `"`+key+`":`) + len(key) + 3
			if pe.Offset != int64(at) || pe.Line != 1 {
				t.Errorf("offset %d line %d, want offset %d line 1", pe.Offset, pe.Line, at)
			}
			for _, v := range []string{"soon", "later", "NaN", "-2"} {
				if strings.Contains(err.Error(), v) {
					t.Errorf("err = %v quotes the value", err)
				}
			}
		})
	}
}

func TestParseGoogleBroken(t *testing.T) {
	file := "google-snake-bad-seconds.json"
	data := fixture8(t, "broken8/"+file)
	c, err := Parse(file, data)
	var pe *ParseError
	if c != nil || !errors.As(err, &pe) {
		t.Fatalf("Parse = %v, %v; want no call and a ParseError", c, err)
	}
	want := "results[0].alternatives[0].words[2].start_time: not a duration"
	if pe.File != file || pe.Format != "google-stt" || !errors.Is(err, ErrSyntax) || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v, want a google-stt syntax error saying %q", err, want)
	}
	// The offset is where the start_time object holding "one" opens.
	if at := strings.LastIndexByte(string(data[:strings.Index(string(data), `"one"`)]), '{'); pe.Offset != int64(at) || pe.Line != LineAt(data, at) {
		t.Errorf("offset %d line %d, want offset %d line %d", pe.Offset, pe.Line, at, LineAt(data, at))
	}
}
