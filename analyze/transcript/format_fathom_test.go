package transcript

import (
	"encoding/json"
	"errors"
	"maps"
	"path/filepath"
	"strings"
	"testing"
)

// The decoder's fuzz target (FuzzDecodeJSON) checks the Fathom types as
// well.
func init() {
	jsonTargets["fathom"] = func() any { return new([]fathomItem) }
	jsonTargets["fathom-meeting"] = func() any { return new(fathomMeeting) }
	jsonTargets["fathom-page"] = func() any { return new(fathomPage) }
}

func TestParseFathom(t *testing.T) {
	checkWithParties(t, "fathom", []partiesCase{
		// Consecutive items of one speaker make one turn; each ends where
		// the next starts, the last after its words at 2.5 a second.
		{case8{file: "formats/fathom/renewal-two-companies.json", timed: true, turns: []turn8{
			{"Priya Natarajan", Unknown, 4, 18, "Hi Owen, thanks for making the time. Last month you mentioned your month-end close slipped to nine days. I'd like to understand what is behind that before we talk about anything on our side."},
			{"Owen Marsh", Unknown, 18, 27, "Sure. Most of it is chasing receipts from the three depots, and the depots all use different spreadsheets."},
			{"Priya Natarajan", Unknown, 27, 32, "Which depot takes the longest, and what happens while you wait on it?"},
			{"Owen Marsh", Unknown, 32, 41, "Leeds, usually. We hold the whole close until their numbers come in. Our auditors have started asking why."},
			{"Priya Natarajan", Unknown, 41, 47, "That sounds painful. What would a good close look like for you by the end of the year?"},
			{"Owen Marsh", Unknown, 47, 55, "Five days would be great. But I'm worried about asking the depot managers to learn another tool."},
			{"Priya Natarajan", Unknown, 55, 62, "That's a fair concern. Who else would need to be comfortable before you changed how the depots report?"},
			{"Owen Marsh", Unknown, 62, 66.4, "Our finance director, Helen. I'd want her on the next call."},
		}}, map[string]string{"Priya Natarajan": "ledgerpeak", "Owen Marsh": "harbortile"}},
		// The meeting around the transcript (title, invitees, summary,
		// action items) is not speech; kettleworks.com and kettleworks.de
		// are one company, eu.brightforge.io is brightforge.
		{case8{file: "formats/fathom/meeting-with-summary.json", timed: true, turns: []turn8{
			{"Lena Vogt", Unknown, 2, 9, "Good morning both. As we agreed last week, today we'd walk through the pilot results for the Hamburg line."},
			{"Aisha Rahman", Unknown, 9, 14, "Great. Tom runs that line, so he'll have most of the questions."},
			{"Tom Fischer", Unknown, 14, 22, "Yes. The scrap rate dropped, but the operators say the alerts come too late in the shift."},
			{"Marcus Bell", Unknown, 22, 27, "How late, roughly? Is it the last hour, or after the batch is already finished?"},
			{"Tom Fischer", Unknown, 27, 31, "Usually after the batch. By then the material is gone."},
			{"Marcus Bell", Unknown, 31, 41, "Then the alert threshold is set on the batch total. We can move it to each station, but I can't promise it catches every case."},
			{"Lena Vogt", Unknown, 41, 48, "Aisha, before we change anything, what would you need to see to extend the pilot to the second line?"},
			{"Aisha Rahman", Unknown, 48, 55.2, "A week where the alerts arrive during the batch, and a cost I can defend to our CFO."},
		}}, map[string]string{"Lena Vogt": "brightforge", "Marcus Bell": "brightforge", "Aisha Rahman": "kettleworks", "Tom Fischer": "kettleworks"}},
		// Three companies say nothing about the two sides; the guest shown
		// by an address is "Speaker 1"; an item without words is dropped.
		{case8{file: "formats/fathom/three-companies-guest.json", timed: true, turns: []turn8{
			{"Nadia Okafor", Unknown, 0, 7, "Thanks for joining, Ben. Ivy from Northbeam is here because her team would run the rollout."},
			{"Ben Harlow", Unknown, 7, 13, "Hi both. I only have twenty minutes, and my colleague from the warehouse dialled in too."},
			{"Speaker 1", Unknown, 13, 18, "Hi, Rui here, I run receiving at the Dayton warehouse."},
			{"Ivy Chen", Unknown, 19, 24, "Rui, how do you log damaged pallets today?"},
			{"Speaker 1", Unknown, 24, 30, "On paper, and someone types it up on Fridays."},
			{"Ben Harlow", Unknown, 30, 35, "Which is why the credit notes take a month."},
			{"Nadia Okafor", Unknown, 35, 41, "What would it be worth to you to have those credits raised the same day?"},
			{"Ben Harlow", Unknown, 41, 46.2, "Honestly, I'd need to check with finance. Send me something I can forward."},
		}}, nil},
		// A gmail.com address is no company: one organisation is left.
		{case8{file: "formats/fathom/personal-address.json", timed: true, turns: []turn8{
			{"Carla Mendes", Unknown, 3, 10, "Hi Jamie, Carla from Routewise. You booked this call after the webinar, so what made you sign up?"},
			{"Jamie Doyle", Unknown, 10, 16, "I run a bakery with four vans and my routes are a mess every morning."},
			{"Carla Mendes", Unknown, 16, 19, "Four vans. Who plans the routes today?"},
			{"Jamie Doyle", Unknown, 19, 23, "Me, at five in the morning, on a whiteboard."},
			{"Theo Park", Unknown, 23, 30, "I'm Theo, I look after onboarding. Would you want the drivers on their phones, or printed sheets?"},
			{"Jamie Doyle", Unknown, 30, 33.2, "Phones. Printed sheets get lost in the vans."},
		}}, nil},
	})
}

// TestParseFathomPage: a page of the list endpoint holding one meeting is
// read as that meeting, dated by its recording.
func TestParseFathomPage(t *testing.T) {
	page, err := Parse("page.json", fixture8(t, "formats/fathom/list-page-one-meeting.json"))
	if err != nil {
		t.Fatal(err)
	}
	check8(t, page, case8{timed: true, turns: []turn8{
		{"Sofia Lind", Unknown, 3, 11, "Hi Raj, thanks for booking this after the webinar. You wrote that your dispatch team re-plans routes by hand every morning."},
		{"Raj Menon", Unknown, 11, 17, "Yes, two planners, an hour each, before a single van leaves."},
		{"Sofia Lind", Unknown, 17, 21, "What happens on the days one of them is off?"},
		{"Raj Menon", Unknown, 21, 29, "The vans leave late. Honestly, I'm not sure we could change tools before the peak season."},
		{"Sofia Lind", Unknown, 29, 35, "That's fair. What would have to be true for a trial to be worth it before then?"},
		{"Raj Menon", Unknown, 35, 40.6, "If the planners could keep their spreadsheets for a month while we try it."},
	}})
	if want := map[string]string{"Sofia Lind": "quaywise", "Raj Menon": "tidewell"}; !maps.Equal(page.Parties, want) {
		t.Errorf("parties %v, want %v", page.Parties, want)
	}
	if page.Meta.Date != "2026-04-02" {
		t.Errorf("date %q, want the recording's day 2026-04-02", page.Meta.Date)
	}
	meeting, err := Parse("meeting.json", fixture8(t, "formats/fathom/meeting-with-summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if meeting.Meta.Date != "2026-03-12" {
		t.Errorf("meeting date %q, want 2026-03-12", meeting.Meta.Date)
	}
}

func TestParseFathomForms(t *testing.T) {
	tests := []struct {
		name  string
		json  string
		timed bool
		want  []turn8
	}{
		{"an address in the display name is taken out", `[{"speaker":{"display_name":"Dana Park <dana@ledgerly.io>"},"text":"Hello.","timestamp":"00:00:01"},
			{"speaker":{"display_name":"","matched_calendar_invitee_email":"mark@pinecrest.com"},"text":"Hi.","timestamp":"00:00:02"}]`,
			true, []turn8{{"Dana Park", Unknown, 1, 2, "Hello."}, {"Speaker 1", Unknown, 2, 2.4, "Hi."}}},
		{"no timestamps: untimed", `{"transcript":[{"speaker":{"display_name":"Dana"},"text":"Hello."},
			{"speaker":{"display_name":"Mark"},"text":"Hi.","timestamp":null}]}`,
			false, []turn8{{"Dana", Unknown, 0, 0, "Hello."}, {"Mark", Unknown, 0, 0, "Hi."}}},
		{"a timestamp going back ends the item by its words", `[{"speaker":{"display_name":"Dana"},"text":"One two three four five.","timestamp":"0:10"},
			{"speaker":{"display_name":"Mark"},"text":"Six.","timestamp":"0:05"}]`,
			true, []turn8{{"Dana", Unknown, 10, 12, "One two three four five."}, {"Mark", Unknown, 5, 5.4, "Six."}}},
		{"an item without a timestamp and without words is skipped", `[{"speaker":{"display_name":"Dana"},"text":"Hello there.","timestamp":"01:00:00"},
			{"speaker":{"display_name":"Mark"},"text":""},
			{"speaker":{"display_name":"Mark"},"text":"Hi.","timestamp":"01:00:04"}]`,
			true, []turn8{{"Dana", Unknown, 3600, 3604, "Hello there."}, {"Mark", Unknown, 3604, 3604.4, "Hi."}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !sniffFathom("f.json", []byte(tc.json)) {
				t.Fatal("not sniffed as fathom")
			}
			c, err := Parse("f.json", []byte(tc.json))
			if err != nil {
				t.Fatal(err)
			}
			check8(t, c, case8{timed: tc.timed, turns: tc.want})
		})
	}
}

func TestSniffFathom(t *testing.T) {
	tests := []struct {
		name, json string
		want       bool
	}{
		{"array", `[{"speaker":{"display_name":"A"},"text":"hi","timestamp":"00:00:01"}]`, true},
		{"meeting", `{"title":"x","transcript":[{"speaker":{"display_name":"A"},"text":"hi","timestamp":"00:00:01"}]}`, true},
		{"a transcript-like object that is no meeting", `{"title":"x","transcript":null,"calendar_invitees":[{"display_name":"A","timestamp":"1"}]}`, false},
		{"meeting without its transcript", `{"title":"x","recording_id":7,"transcript":null}`, true},
		{"page of meetings", `{"limit":1,"items":[{"transcript":[{"speaker":{"display_name":"A"},"text":"hi","timestamp":"00:00:01"}]}]}`, true},
		{"page without transcripts", `{"limit":1,"items":[{"recording_id":7,"title":"x"}]}`, true},
		{"items of something else", `{"items":[{"name":"A","text":"hi"}]}`, false},
		{"whisper segments", `[{"start":0,"end":1,"text":"hi","speaker":"SPEAKER_00"}]`, false},
		{"transcript nested deeper", `{"meeting":{"transcript":[{"speaker":{"display_name":"A"},"text":"hi","timestamp":"00:00:01"}]}}`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := sniffFathom("x.json", []byte(tc.json)); got != tc.want {
				t.Errorf("sniffFathom = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestFathomNoAddress checks that the calendar addresses of a Fathom
// transcript reach no turn, no speaker, no party and nothing the call
// encodes as JSON, in every fixture and in display names made of
// addresses.
func TestFathomNoAddress(t *testing.T) {
	inputs := map[string][]byte{}
	for _, path := range fixtureFiles8(t, "fathom") {
		inputs[filepath.Base(path)] = fixture8(t, "formats/fathom/"+filepath.Base(path))
	}
	inputs["names-made-of-addresses"] = []byte(`[
		{"speaker":{"display_name":"dana.park@ledgerly.io","matched_calendar_invitee_email":"dana.park@ledgerly.io"},"text":"Hello Mark.","timestamp":"00:00:01"},
		{"speaker":{"display_name":"Mark Lee (mark@pinecrest.com)","matched_calendar_invitee_email":"mark@pinecrest.com"},"text":"Hi Dana.","timestamp":"00:00:03"},
		{"speaker":{"display_name":"ops@@pinecrest","matched_calendar_invitee_email":null},"text":"Joining late.","timestamp":"00:00:05"}]`)
	for name, data := range inputs {
		t.Run(name, func(t *testing.T) {
			c, err := Parse(name, data)
			if err != nil {
				t.Fatal(err)
			}
			encoded, err := json.Marshal(c)
			if err != nil {
				t.Fatal(err)
			}
			fields := []string{string(encoded)}
			for _, turn := range c.Turns {
				fields = append(fields, turn.Speaker, string(turn.Role), turn.Text)
			}
			for speaker, party := range c.Parties {
				fields = append(fields, speaker, party)
			}
			for _, f := range fields {
				if strings.Contains(f, "@") {
					t.Errorf("an address reached the call: %q", f)
				}
			}
		})
	}
}

func TestOrgKey(t *testing.T) {
	tests := []struct{ email, want string }{
		{"dana@ledgerly.io", "ledgerly"},
		{"Dana.Park@EU.Ledgerly.COM.", "ledgerly"},
		{"owen@harbortile.co.uk", "harbortile"},
		{"kenji@sakuraworks.co.jp", "sakuraworks"},
		{"mark@pinecrest.com.au", "pinecrest"},
		{"rui@co.de", "co"},
		{"jamie@gmail.com", ""},
		{"jamie@mail.yahoo.co.uk", ""},
		{"no address", ""},
		{"dana@localhost", ""},
		{"dana@ledgerly..io", ""},
		{"a@b@ledgerly.io", ""},
		{"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.email, func(t *testing.T) {
			if got := orgKey(tc.email); got != tc.want {
				t.Errorf("orgKey(%q) = %q, want %q", tc.email, got, tc.want)
			}
		})
	}
}

func TestFathomParties(t *testing.T) {
	item := func(name, email, text string) fathomItem {
		return fathomItem{Speaker: fathomSpeaker{Name: name, Email: email}, Text: text}
	}
	tests := []struct {
		name  string
		items []fathomItem
		want  map[string]string
	}{
		{"two companies", []fathomItem{item("Dana", "dana@ledgerly.io", "Hi."), item("Sam", "sam@ledgerly.io", "Hello."), item("Mark", "mark@pinecrest.com", "Hey.")},
			map[string]string{"Dana": "ledgerly", "Sam": "ledgerly", "Mark": "pinecrest"}},
		{"speakers without an address are left out", []fathomItem{item("Dana", "dana@ledgerly.io", "Hi."), item("Guest", "", "Hello."), item("Mark", "mark@pinecrest.com", "Hey.")},
			map[string]string{"Dana": "ledgerly", "Mark": "pinecrest"}},
		{"one company", []fathomItem{item("Dana", "dana@ledgerly.io", "Hi."), item("Mark", "mark@gmail.com", "Hey.")}, nil},
		{"three companies", []fathomItem{item("Dana", "dana@ledgerly.io", "Hi."), item("Ivy", "ivy@northbeam.com", "Hello."), item("Mark", "mark@pinecrest.com", "Hey.")}, nil},
		{"a speaker with two companies is left out", []fathomItem{item("Dana", "dana@ledgerly.io", "Hi."), item("Dana", "dana@northbeam.com", "Hi again."),
			item("Sam", "sam@ledgerly.io", "Hello."), item("Mark", "mark@pinecrest.com", "Hey.")},
			map[string]string{"Sam": "ledgerly", "Mark": "pinecrest"}},
		{"silent speakers and bots count for nothing", []fathomItem{item("Dana", "dana@ledgerly.io", "Hi."), item("Ivy", "ivy@northbeam.com", " "),
			item("Fathom Notetaker", "bot@fathom.video", "Recording."), item("Mark", "mark@pinecrest.com", "Hey.")},
			map[string]string{"Dana": "ledgerly", "Mark": "pinecrest"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := fathomParties(tc.items, fathomNames(tc.items)); !maps.Equal(got, tc.want) {
				t.Errorf("fathomParties = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestParseFathomBroken(t *testing.T) {
	tests := []struct {
		file, msg string
		want      error
	}{
		{"fathom-bad-timestamp.json", "[2].timestamp", ErrSyntax},
		{"fathom-truncated.json", "unexpected end of JSON input", ErrSyntax},
		{"fathom-text-not-string.json", "text", ErrSyntax},
		{"fathom-page-two-meetings.json", "items holds 2 meetings; calltrust reads one call a file: save each meeting on its own", ErrSeveralCalls},
		{"fathom-page-no-transcript.json", "items[0].transcript: the meeting holds no transcript; ask the API for it (include_transcript=true", ErrNoSpeech},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data := fixture8(t, "broken8/"+tc.file)
			c, err := Parse(tc.file, data)
			var pe *ParseError
			if c != nil || !errors.As(err, &pe) {
				t.Fatalf("Parse = %v, %v; want no call and a ParseError", c, err)
			}
			if pe.File != tc.file || pe.Format != "fathom" || !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v as fathom", err, tc.want)
			}
			if pe.Offset <= 0 || pe.Line <= 0 || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("err = %v, want a byte offset, a line and %q", err, tc.msg)
			}
			if strings.Contains(err.Error(), "@") {
				t.Errorf("err = %v quotes an address", err)
			}
		})
	}
}
