package transcript

import (
	"errors"
	"strings"
	"testing"
)

// The decoder's fuzz target (FuzzDecodeJSON) checks the Gong type as well.
func init() {
	jsonTargets["gong"] = func() any { return new(gongFile) }
}

func TestParseGong(t *testing.T) {
	checkWithParties(t, "gong", []partiesCase{
		// Parties at the top level: names and roles from the file.
		{case8{file: "formats/gong/discovery-with-parties.json", timed: true, rolesFromFile: true, turns: []turn8{
			{"Daniel Osei", Seller, 1.2, 9.9, "Hi Grace, it's Daniel from Tallyworks. Thanks for taking the call after the webinar on Tuesday."},
			{"Grace Lund", Customer, 10.6, 13.1, "Sure, I have about fifteen minutes."},
			{"Daniel Osei", Seller, 13.8, 19.4, "You asked about approvals during the webinar. How do expense approvals work on your team today?"},
			{"Grace Lund", Customer, 20.1, 31.2, "Managers approve in email, and half of them forget until month end. Finance then chases everyone by hand."},
			{"Daniel Osei", Seller, 31.9, 35.3, "What does that chasing cost your finance team each month?"},
			{"Grace Lund", Customer, 36.0, 41.8, "Two people for three days, roughly. What would your tool cost for eighty staff?"},
			{"Daniel Osei", Seller, 42.5, 50.1, "For eighty people it's around nine hundred a month. I'd rather check your approval rules before quoting exactly."},
		}}, map[string]string{"Daniel Osei": "internal", "Grace Lund": "external"}},
		// No parties: speakers by ID, roles left to inference.
		{case8{file: "formats/gong/transcript-only.json", timed: true, turns: []turn8{
			{"Speaker 1029384756102938475", Unknown, 0.5, 6.2, "Hey, this is Marco with Brightlane. Just touching base, do you have a minute?"},
			{"Speaker 5647382910564738291", Unknown, 6.9, 9.4, "A minute, sure. What is this about?"},
			{"Speaker 1029384756102938475", Unknown, 10.1, 17.8, "Our scheduling app is the best on the market and it will double your bookings, guaranteed."},
			{"Speaker 5647382910564738291", Unknown, 18.5, 22.3, "We're happy with what we use. Send me an email."},
			{"Speaker 1029384756102938475", Unknown, 23.0, 25.6, "Will do, I'll follow up next week."},
		}}, nil},
		// Parties under calls[]: two sellers, two buyers, and a dial-in
		// of Unknown affiliation without a name, who keeps the ID and no
		// role; a party who never spoke is no speaker.
		{case8{file: "formats/gong/extensive-calls.json", timed: true, rolesFromFile: true, turns: []turn8{
			{"Kim Adler", Seller, 0.8, 11.2, "Thanks for joining, Helen and Raj. As agreed on our last call, today is about the security review. My manager Sofia is on as well."},
			{"Helen Price", Customer, 12.0, 16.5, "Good. Raj has the questionnaire open."},
			{"Raj Mehta", Customer, 17.2, 24.8, "Our main concern is where the call recordings are stored and for how long."},
			{"Speaker 2203948571102938476", Unknown, 25.5, 30.1, "Sorry, Pete from IT dialling in from the car. Can you repeat the storage question?"},
			{"Kim Adler", Seller, 30.9, 38.7, "Recordings are stored in the EU region and deleted after the retention period you set. What period does your policy require?"},
			{"Raj Mehta", Customer, 39.4, 42.0, "Ninety days."},
			{"Sofia Brandt", Seller, 42.7, 49.1, "We support that. I'll send the data processing agreement so your legal team can check the details."},
		}}, map[string]string{"Kim Adler": "internal", "Sofia Brandt": "internal", "Helen Price": "external", "Raj Mehta": "external"}},
		// Parties under call: only Internal speakers talk (the External
		// party says nothing), so the file states no roles.
		{case8{file: "formats/gong/internal-rehearsal.json", timed: true, turns: []turn8{
			{"Jonas Weber", Unknown, 0, 5.2, "Okay, this is our practice run for Thursday's demo. I'll play the rep."},
			{"Mia Torres", Unknown, 5.9, 9.1, "And I'm the buyer. Go ahead."},
			{"Jonas Weber", Unknown, 9.8, 16.4, "Thanks for your time. I noticed your clinics opened two new sites this spring, how is scheduling holding up?"},
			{"Mia Torres", Unknown, 17.1, 22.6, "Badly. The front desk double-books the dentists every Monday."},
		}}, map[string]string{"Jonas Weber": "internal", "Mia Torres": "internal"}},
	})
}

func TestParseGongForms(t *testing.T) {
	tests := []struct {
		name          string
		json          string
		rolesFromFile bool
		want          []turn8
	}{
		{"IDs written as numbers, kept whole", `{"callTranscripts":[{"callId":1,"transcript":[
			{"speakerId":6432345678555530067,"sentences":[{"start":0,"end":1500,"text":"Hello."}]},
			{"speakerId":6432345678555530068,"sentences":[{"start":"1600","end":"2000","text":"Hi."}]}]}],
			"parties":[{"speakerId":6432345678555530068,"name":"Mark Lee","affiliation":"External"}]}`,
			false, []turn8{{"Speaker 6432345678555530067", Unknown, 0, 1.5, "Hello."}, {"Mark Lee", Unknown, 1.6, 2, "Hi."}}},
		{"a party named by an address keeps its ID", `{"callTranscripts":[{"transcript":[
			{"speakerId":"11","sentences":[{"start":0,"end":1000,"text":"Hello."}]},
			{"speakerId":"12","sentences":[{"start":1200,"end":2000,"text":"Hi."}]}]}],
			"parties":[{"speakerId":"11","name":"dana@ledgerly.io","affiliation":"INTERNAL"},{"speakerId":"12","name":"Mark Lee <mark@pinecrest.com>","affiliation":"external"}]}`,
			true, []turn8{{"Speaker 11", Seller, 0, 1, "Hello."}, {"Mark Lee", Customer, 1.2, 2, "Hi."}}},
		{"monologues out of order, sentences joined", `{"callTranscripts":[{"transcript":[
			{"speakerId":"2","sentences":[{"start":3000,"end":4000,"text":"Second."}]},
			{"speakerId":"1","sentences":[{"start":0,"end":1000,"text":"First,"},{"start":1100,"end":2500,"text":"still first."}]},
			{"speakerId":"3","sentences":[]}]}]}`,
			false, []turn8{{"Speaker 1", Unknown, 0, 2.5, "First, still first."}, {"Speaker 2", Unknown, 3, 4, "Second."}}},
		{"a monologue without a speaker ID has no speaker", `{"callTranscripts":[{"transcript":[
			{"speakerId":null,"sentences":[{"start":0,"end":1000,"text":"Hello?"}]},
			{"speakerId":"7","sentences":[{"start":1000,"end":2000,"text":"Yes, hi."}]}]}]}`,
			false, []turn8{{"", Unknown, 0, 1, "Hello?"}, {"Speaker 7", Unknown, 1, 2, "Yes, hi."}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !sniffGong("g.json", []byte(tc.json)) {
				t.Fatal("not sniffed as gong")
			}
			c, err := Parse("g.json", []byte(tc.json))
			if err != nil {
				t.Fatal(err)
			}
			check8(t, c, case8{timed: true, rolesFromFile: tc.rolesFromFile, turns: tc.want})
			for _, turn := range c.Turns {
				if strings.Contains(turn.Speaker, "@") {
					t.Errorf("speaker %q is an address", turn.Speaker)
				}
			}
		})
	}
}

func TestSniffGong(t *testing.T) {
	tests := []struct {
		name, json string
		want       bool
	}{
		{"transcripts", `{"requestId":"x","callTranscripts":[]}`, true},
		{"calls only", `{"requestId":"x","calls":[{"parties":[]}]}`, false},
		{"array", `[{"callTranscripts":[]}]`, false},
		{"in a string", `{"note":"callTranscripts"}`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := sniffGong("x.json", []byte(tc.json)); got != tc.want {
				t.Errorf("sniffGong = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestParseGongBroken(t *testing.T) {
	tests := []struct {
		name, file, json string
		want             error
		msg              string
		where            bool
	}{
		{name: "two calls", file: "gong-two-calls.json", want: ErrSeveralCalls, msg: "callTranscripts holds 2 calls; calltrust reads one call a file", where: true},
		{name: "sentences not a list", file: "gong-sentences-not-list.json", want: ErrSyntax, msg: "sentences", where: true},
		{name: "a time that is not one", json: `{"callTranscripts":[{"transcript":[{"speakerId":"1","sentences":[{"start":0,"end":900,"text":"Hi."},{"start":"NaN","end":1500,"text":"Hello?"}]}]}]}`,
			want: ErrSyntax, msg: "callTranscripts[0].transcript[0].sentences[1].start: not a time in milliseconds", where: true},
		{name: "a negative time", json: `{"callTranscripts":[{"transcript":[{"speakerId":"1","sentences":[{"start":0,"end":-900,"text":"Hi."}]}]}]}`,
			want: ErrSyntax, msg: "sentences[0].end: not a time", where: true},
		{name: "no call", json: `{"requestId":"x","callTranscripts":[]}`, want: ErrNoSpeech, msg: "holds no call"},
		{name: "no sentences", json: `{"callTranscripts":[{"callId":"1","transcript":[{"speakerId":"1","sentences":[]}]}]}`, want: ErrNoSpeech},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file, data := tc.file, []byte(tc.json)
			if file != "" {
				data = fixture8(t, "broken8/"+file)
			} else {
				file = "g.json"
			}
			c, err := Parse(file, data)
			var pe *ParseError
			if c != nil || !errors.As(err, &pe) {
				t.Fatalf("Parse = %v, %v; want no call and a ParseError", c, err)
			}
			if pe.File != file || pe.Format != "gong" || !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("err = %v, want %v as gong saying %q", err, tc.want, tc.msg)
			}
			if tc.where && (pe.Offset <= 0 || pe.Line <= 0) {
				t.Errorf("err = %v, want a byte offset and line", err)
			}
		})
	}
}
