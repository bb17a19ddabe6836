package transcript

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseContactLens(t *testing.T) {
	tests := []case8{
		{file: "formats/contact-lens/renewal-outbound.json", timed: true, rolesFromFile: true, turns: []turn8{
			{"AGENT", Seller, 0.42, 6.2, "Hi Priya, this is Marcus from Ledgerline. Thanks for taking the call."},
			{"CUSTOMER", Customer, 6.8, 10.1, "Sure, I have about fifteen minutes before my next meeting."},
			{"AGENT", Seller, 10.5, 22.0, "I'll keep it short. Your invoice volume went up..."},
			{"CUSTOMER", Customer, 22.6, 33.4, "Honestly they are not..."},
			{"AGENT", Seller, 34.0, 41.5, "What happens when an invoice sits that long? Are you losing early payment discounts?"},
			{"CUSTOMER", Customer, 42.1, 53.0, "Some, yes..."},
			{"AGENT", Seller, 53.6, 66.0, "That's worth checking..."},
			{"CUSTOMER", Customer, 66.5, 72.0, "Okay. Send me something I can show the controller."},
			{"AGENT", Seller, 72.4, 80.8, "I will. Before I do, who else would weigh in on a change like this, and what would stop it from moving forward?"},
		}},
		{file: "formats/contact-lens/inbound-inquiry.json", timed: true, rolesFromFile: true, turns: []turn8{
			{"CUSTOMER", Customer, 1.1, 8.9, "Hi, I filled out the form on your website..."},
			{"AGENT", Seller, 9.4, 16.0, "Thanks for calling in. I'm Dana with Shiftwise..."},
			{"CUSTOMER", Customer, 16.7, 25.3, "Hygienists swap shifts..."},
			{"AGENT", Seller, 25.9, 35.2, "That's the most common thing..."},
			{"CUSTOMER", Customer, 35.8, 38.9, "What does it cost for about forty staff?"},
			{"AGENT", Seller, 39.5, 49.6, "For forty staff it's six dollars per person per month, billed annually. We guarantee you will never have a double booking again."},
			{"CUSTOMER", Customer, 50.3, 54.0, "Let me talk it over with my partners and get back to you."},
			{"AGENT", Seller, 54.6, 58.2, "Sounds good, I'll email you the pricing sheet today."},
		}},
	}
	for _, tc := range tests {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			check8(t, parseFixture8(t, tc.file), tc)
		})
	}
}

func TestParseContactLensRoles(t *testing.T) {
	tests := []struct {
		name string
		json string
		want []turn8
	}{
		{"role on the item beats Participants", `{"Participants":[{"ParticipantId":"p1","ParticipantRole":"CUSTOMER"}],
			"Transcript":[{"ParticipantId":"p1","ParticipantRole":"AGENT","Content":"Hello.","BeginOffsetMillis":0,"EndOffsetMillis":900}]}`,
			[]turn8{{"p1", Seller, 0, 0.9, "Hello."}}},
		{"participant id without Participants", `{"Transcript":[{"ParticipantId":"CUSTOMER","Content":"Hi.","BeginOffsetMillis":1000,"EndOffsetMillis":1500},
			{"ParticipantId":"AGENT","Content":"Welcome.","BeginOffsetMillis":0,"EndOffsetMillis":800}]}`,
			[]turn8{{"AGENT", Seller, 0, 0.8, "Welcome."}, {"CUSTOMER", Customer, 1, 1.5, "Hi."}}},
		{"system and bot turns are not speakers", `{"Participants":[{"ParticipantId":"AGENT","ParticipantRole":"AGENT"},{"ParticipantId":"BOT","ParticipantRole":"CUSTOM_BOT"}],
			"Transcript":[{"ParticipantId":"BOT","Content":"Press one for sales.","BeginOffsetMillis":0,"EndOffsetMillis":900},
			{"ParticipantId":"AGENT","Content":"Hi there.","BeginOffsetMillis":1000,"EndOffsetMillis":1900}]}`,
			[]turn8{{"AGENT", Seller, 1, 1.9, "Hi there."}}},
		{"supervisor is the seller side", `{"Participants":[{"ParticipantId":"S","ParticipantRole":"SUPERVISOR"}],
			"Transcript":[{"ParticipantId":"S","Content":"Let me help.","BeginOffsetMillis":0,"EndOffsetMillis":500}]}`,
			[]turn8{{"S", Seller, 0, 0.5, "Let me help."}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !sniffContactLens("cl.json", []byte(tc.json)) {
				t.Fatal("not sniffed as contact-lens")
			}
			c, err := Parse("cl.json", []byte(tc.json))
			if err != nil {
				t.Fatal(err)
			}
			check8(t, c, case8{timed: true, rolesFromFile: true, turns: tc.want})
		})
	}
}

func TestParseContactLensInvalid(t *testing.T) {
	data := fixture8(t, "broken8/contact-lens-invalid.json")
	c, err := Parse("contact-lens-invalid.json", data)
	var pe *ParseError
	if c != nil || !errors.As(err, &pe) {
		t.Fatalf("Parse = %v, %v; want no call and a ParseError", c, err)
	}
	if pe.File != "contact-lens-invalid.json" || pe.Format != "contact-lens" || !errors.Is(err, ErrSyntax) {
		t.Errorf("err = %v, want a syntax error naming the file and contact-lens", err)
	}
	// The stray brace closes the first transcript item a second time.
	stray := strings.Index(string(data), "]\n        }\n        }") + len("]\n        }\n        }")
	if pe.Offset != int64(stray) || pe.Line != LineAt(data, stray) {
		t.Errorf("offset %d line %d, want offset %d line %d", pe.Offset, pe.Line, stray, LineAt(data, stray))
	}
	if !strings.Contains(err.Error(), "byte ") || !strings.Contains(err.Error(), "line ") {
		t.Errorf("message %q does not say where", err)
	}
}

// TestParseBrokenJSON8 checks each broken sample: the error names the
// file, the format it looked like and the byte offset, and no call is
// returned.
func TestParseBrokenJSON8(t *testing.T) {
	tests := []struct {
		file, format string
		offset       bool
		want         error
	}{
		{"contact-lens-invalid.json", "contact-lens", true, ErrSyntax},
		{"google-missing-comma.json", "google-stt", true, ErrSyntax},
		{"azure-truncated.json", "azure-batch", true, ErrSyntax},
		{"deepgram-double-comma.json", "deepgram", true, ErrSyntax},
		{"whisper-missing-comma.json", "whisper", true, ErrSyntax},
		{"assemblyai-error-status.json", "assemblyai", false, ErrNoSpeech},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			c, err := Parse(tc.file, fixture8(t, "broken8/"+tc.file))
			var pe *ParseError
			if c != nil || !errors.As(err, &pe) {
				t.Fatalf("Parse = %v, %v; want no call and a ParseError", c, err)
			}
			if pe.File != tc.file || pe.Format != tc.format || !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v as %s", err, tc.want, tc.format)
			}
			if tc.offset && (pe.Offset <= 0 || pe.Line <= 0) {
				t.Errorf("err = %v, want a byte offset and line", err)
			}
		})
	}
}

func TestSTTDecodeTypeError(t *testing.T) {
	data := []byte(`{"Transcript": "not a list", "ParticipantId": "AGENT"}`)
	_, err := Parse("cl.json", data)
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Format != "contact-lens" || pe.Offset <= 0 || !errors.Is(err, ErrSyntax) {
		t.Fatalf("err = %v, want a contact-lens syntax error with an offset", err)
	}
}

func TestSTTKey(t *testing.T) {
	tests := []struct {
		data string
		key  string
		want bool
	}{
		{`{"Transcript": []}`, "Transcript", true},
		{`{"Transcript"  :`, "Transcript", true},
		{"{\"Transcript\"\n\t: 1", "Transcript", true},
		{`{"a": "Transcript"}`, "Transcript", false},
		{`{"a": ["Transcript", "b"]}`, "Transcript", false},
		{`{"transcript": 1}`, "Transcript", false},
		{`"Transcript"`, "Transcript", false},
	}
	for _, tc := range tests {
		t.Run(tc.data, func(t *testing.T) {
			if got := sttKey([]byte(tc.data), tc.key); got != tc.want {
				t.Errorf("sttKey = %v, want %v", got, tc.want)
			}
		})
	}
}
