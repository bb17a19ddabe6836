package transcript

import (
	"maps"
	"path/filepath"
	"slices"
	"testing"
)

// docCase is a fixture read as a document: its turns, what was skipped,
// and what its metadata says.
type docCase struct {
	case8
	format   string
	skipped  [][2]int
	note     string
	date     string
	callType string
	parties  map[string]string
}

// checkDoc parses a fixture and compares it with a docCase.
func checkDoc(t *testing.T, tc docCase) {
	t.Helper()
	c := parseFixture8(t, tc.file)
	if c.Format != tc.format {
		t.Errorf("read as %q, want %q", c.Format, tc.format)
	}
	check8(t, c, tc.case8)
	if !slices.Equal(c.Skipped.Ranges, tc.skipped) {
		t.Errorf("skipped ranges %v, want %v", c.Skipped.Ranges, tc.skipped)
	}
	if got := c.Skipped.Note(); got != tc.note {
		t.Errorf("note %q, want %q", got, tc.note)
	}
	if c.Meta.Date != tc.date || c.Meta.CallType != tc.callType {
		t.Errorf("date %q, call type %q; want %q, %q", c.Meta.Date, c.Meta.CallType, tc.date, tc.callType)
	}
	if want := map[bool]string{true: "document"}[tc.callType != ""]; c.CallTypeSource != want {
		t.Errorf("call type source %q, want %q", c.CallTypeSource, want)
	}
	if !maps.Equal(c.Parties, tc.parties) {
		t.Errorf("parties %v, want %v", c.Parties, tc.parties)
	}
}

// TestDocumentMarkdown reads markdown documents: a title, metadata lines
// that look like labels, rules, the turns, and notes after them.
func TestDocumentMarkdown(t *testing.T) {
	tests := []docCase{
		// The attendee list gives the seller's job title (AE, Account
		// Executive): the file states the sides.
		{case8: case8{file: "formats/text/markdown-document.md", rolesFromFile: true, turns: []turn8{
			{"Owen", Seller, 0, 0, "Mia, thanks for making time. You wrote that month-end close slipped twice this quarter. What happened?"},
			{"Mia", Unknown, 0, 0, "Both times the clinic invoices came in late. We wait on four regional offices."},
			{"Owen", Seller, 0, 0, "Which office is usually last?"},
			{"Mia", Unknown, 0, 0, "The northern one. They still post paper invoices."},
			// A list right under a turn is that speaker's.
			{"Owen", Seller, 0, 0, "Here is what I would look at first: - how invoices arrive from each office - who approves them - where they wait longest"},
			{"Mia", Unknown, 0, 0, "That sounds right. Our controller should join the next call."},
			{"Owen", Seller, 0, 0, "I'll send a short agenda and book it with both of you."},
		}}, format: "text", skipped: [][2]int{{1, 10}, {29, 40}},
			note: "8 lines before the conversation and 9 after it were not read as speech",
			date: "2025-02-10", callType: CallDiscovery,
			parties: map[string]string{"Mia": "Harbor Health", "Owen": "Ledgerline"}},
		{case8: case8{file: "formats/text/markdown-participants.md", rolesFromFile: true, turns: []turn8{
			{"Joel", Seller, 0, 0, "Priya, as we agreed last week, today is about the driver app rollout. Is that still the priority?"},
			{"Priya", Unknown, 0, 0, "It is. The drivers in the south depot are the worry."},
			{"Joel", Seller, 0, 0, "What worries you about them?"},
			{"Priya", Unknown, 0, 0, "Half of them still use their own phones, and the older models may not run the app."},
			{"Joel", Seller, 0, 0, "I can't promise every model works. I'll send you the supported list today so you can check."},
		}}, format: "text", skipped: [][2]int{{1, 8}, {20, 24}},
			note: "7 lines before the conversation and 4 after it were not read as speech",
			date: "2025-03-04", callType: CallFollowUp,
			parties: map[string]string{"Priya": "Fernhill Logistics", "Joel": "Routewise"}},
		// The conversation is in the first code block; the prose, the
		// questions and the other code block around it are not.
		{case8: case8{file: "formats/text/fenced-transcript.md", timed: true, turns: []turn8{
			{"Mia", Unknown, 0, 4, "Thanks for calling back, Owen. I only have a few minutes."},
			{"Owen", Unknown, 4, 15, "Understood. You said approvals get stuck when managers travel. How many invoices wait on a manager in a normal week?"},
			{"Mia", Unknown, 15, 21, "Maybe sixty. More at quarter end."},
			{"Owen", Unknown, 21, 27, "And what happens to the ones that wait past their due date?"},
			{"Mia", Unknown, 27, 27, "We pay late fees, and suppliers chase us. It's embarrassing, frankly."},
		}}, format: "text", skipped: [][2]int{{1, 6}, {14, 22}},
			note: "4 lines before the conversation and 7 after it were not read as speech"},
		// A practice pitch in prose keeps its paragraphs; the title, the
		// metadata and the coaching notes go.
		{case8: case8{file: "formats/plain/practice-pitch-doc.md", turns: []turn8{
			{"", Unknown, 0, 0, "Hi Lucia, this is Sam from Coldchain Metrics. Dairies your size often lose a truckload a month to temperature spikes nobody sees until delivery. I'd like to find out whether that happens at Brightwell, and if it does, show you how two other dairies caught spikes within minutes. Would twenty minutes on Thursday work?"},
		}}, format: "plain", skipped: [][2]int{{1, 3}, {13, 15}},
			note: "3 lines before the conversation and 3 after it were not read as speech",
			date: "2025-03-12", callType: CallPractice},
	}
	for _, tc := range tests {
		t.Run(filepath.Base(tc.file), func(t *testing.T) { checkDoc(t, tc) })
	}
}

// TestDocumentExports reads exports with a title or a tool's lines above
// the conversation: WebVTT with a title before its header, a Zoom
// transcript pasted into a .txt, note-taker blocks with @ markers and a
// web page copy.
func TestDocumentExports(t *testing.T) {
	tests := []docCase{
		{case8: case8{file: "formats/webvtt/title-before-header.vtt", timed: true, turns: []turn8{
			{"Ines Calder", Unknown, 0.8, 4.2, "Hi Dr. Brook, Ines from Tallyfold. Thanks for the time."},
			{"Owen Brook", Unknown, 4.6, 7, "Sure. The renewal is next month, right?"},
			{"Ines Calder", Unknown, 7.4, 13.9, "It is. Before we talk numbers, how did the reminder texts work out for your front desk?"},
			{"Owen Brook", Unknown, 14.2, 19.5, "Fewer no-shows, but staff still retype every booking."},
		}}, format: "webvtt", skipped: [][2]int{{1, 1}},
			note: "1 line before the conversation was not read as speech"},
		{case8: case8{file: "formats/webvtt/zoom-pasted.txt", timed: true, turns: []turn8{
			{"Ansel Park", Unknown, 1.1, 3.9, "Hey, can you hear me alright?"},
			{"Ruth Okoye", Unknown, 4.3, 6.05, "Loud and clear. Thanks for fitting me in."},
			{"Ansel Park", Unknown, 6.4, 12.7, "Of course. You mentioned the warehouse scanners keep dropping off the network. When did that start?"},
			{"Ruth Okoye", Unknown, 13, 18.25, "Right after the firmware update in March."},
			{"Ansel Park", Unknown, 18.6, 21, "Got it. How many scanners are affected?"},
		}}, format: "webvtt"},
		{case8: case8{file: "formats/notetaker/at-markers.txt", timed: true, turns: []turn8{
			{"Lena Ortiz", Unknown, 0, 9, "Hi Marco, thanks for joining. I looked at your two locations before the call and I had a question about how orders move between them."},
			{"Marco Bianchi", Unknown, 9, 15, "Sure, go ahead. We mostly phone orders across every morning."},
			{"Lena Ortiz", Unknown, 15, 19, "What happens when an order is missed?"},
			{"Marco Bianchi", Unknown, 19, 31, "We bake short and the second shop runs out of bread by noon, which happens maybe twice a week."},
			{"Lena Ortiz", Unknown, 31, 40.2, "That's useful. Would it help if I showed how other two-shop bakeries share one order board, or is it too early for that?"},
		}}, format: "notetaker", skipped: [][2]int{{1, 2}},
			note:    "2 lines before the conversation were not read as speech",
			parties: map[string]string{"Marco Bianchi": "Copperleaf Bakery"}},
		// A stray "7: \"" before the first name, a screen-sharing marker
		// in capitals, a recording notice and a closing quote.
		{case8: case8{file: "formats/notetaker/web-copy.txt", turns: []turn8{
			{"Hana Mori", Unknown, 0, 0, "Thanks for jumping on. Can you see my screen?"},
			{"Tobias Keller", Unknown, 0, 0, "Not yet. Give me a second, my browser is acting up."},
			{"Hana Mori", Unknown, 0, 0, "No rush. While that loads, what made you reach out after the webinar last week?"},
			{"Tobias Keller", Unknown, 0, 0, "We are outgrowing spreadsheets for shift swaps. People trade shifts in a group chat and nobody knows who is actually coming in. Okay, I can see it now."},
			{"Hana Mori", Unknown, 0, 0, "Great. This is the swap board. Who approves a swap today?"},
			{"Tobias Keller", Unknown, 0, 0, "The store manager, when she notices the message."},
			{"Hana Mori", Unknown, 0, 0, "So approvals depend on her reading the chat. How often does she miss one?"},
			{"Tobias Keller", Unknown, 0, 0, "Once a week at least."},
		}}, format: "notetaker"},
		// Plain "Key: value" lines between the turns of a conversation
		// without markup are metadata and notes, not the speaker's words;
		// a wrapped line of a turn still continues it.
		{case8: case8{file: "formats/text/plain-notes-inside.txt", turns: []turn8{
			{"Priya", Unknown, 0, 0, "Hi Declan, thanks for the time. You mentioned your stock orders take most of Monday morning."},
			{"Declan", Unknown, 0, 0, "They do. We order from four suppliers, all by phone."},
			{"Priya", Unknown, 0, 0, "Which supplier takes the longest?"},
			{"Declan", Unknown, 0, 0, "The composites one. They call back with substitutions."},
			{"Priya", Unknown, 0, 0, "What would a good Monday look like for you?"},
			{"Declan", Unknown, 0, 0, "Orders done by nine, and no surprises on the invoice."},
		}}, format: "text", skipped: [][2]int{{1, 2}, {7, 7}, {10, 10}, {14, 16}},
			note: "2 lines before the conversation, 2 inside it and 3 after it were not read as speech",
			date: "2026-03-04"},
	}
	for _, tc := range tests {
		t.Run(filepath.Base(tc.file), func(t *testing.T) { checkDoc(t, tc) })
	}
}

// TestDocumentLines checks how lines are taken on their own.
func TestDocumentLines(t *testing.T) {
	tests := []struct {
		line string
		want docKind
	}{
		{"# Sales call", docHeading},
		{"## Transcript", docHeading},
		{"## Notes", docSection},
		{"### Key takeaways from the call", docSection},
		{"#hashtag", docText},
		{"---", docRule},
		{"* * *", docRule},
		{"```go", docFence},
		{"| Key | Value |", docTable},
		{"**Call ID:** X-1", docMeta},
		{"**Duration**: 31 minutes", docMeta},
		{"Date: February 3, 2024", docMeta},
		{"**Participants:**", docMeta},
		{"- **Outcome:** Pilot agreed", docMeta},
		{"**Call Notes - What Went Wrong:**", docSection},
		{"Action items:", docSection},
		{"Summary", docSection},
		{"**Owen:** Hi Mia.", docText},
		{"Speaker: Agent", docText},
		{"Sales Rep: Hello there.", docText},
		{"Next steps are simple.", docText},
		{"- item one", docBullet},
		{"2) second", docBullet},
		{"", docBlank},
	}
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			if got := classifyDoc(tc.line); got != tc.want {
				t.Errorf("classifyDoc(%q) = %d, want %d", tc.line, got, tc.want)
			}
		})
	}
}

// TestDocumentNoConversation checks that a document of metadata and notes
// alone is refused as holding no speech, naming the file.
func TestDocumentNoConversation(t *testing.T) {
	data := []byte("# Call notes\n**Date:** 2025-01-02\n**Outcome:** Lost\n\n## Summary\n- Price too high\n")
	_, err := Parse("notes.md", data)
	checkParseError(t, err, brokenCase{file: "notes.md", err: ErrNoSpeech, offset: -1, msg: "no conversation"})
}

// TestDocumentAttendees checks which organisation an attendee's note
// gives, and the dates and call types a document may state.
func TestDocumentAttendees(t *testing.T) {
	companies := map[string]string{
		"VP Sales, Harbor Health":                "Harbor Health",
		"AE, Ledgerline":                         "Ledgerline",
		"Ledgerline Account Executive":           "Ledgerline",
		"Fernhill Logistics Operations Director": "Fernhill Logistics",
		"VP of Sales, Northwind Solutions":       "Northwind Solutions",
		"Account Executive":                      "",
		"Head of Operations":                     "",
		"":                                       "",
	}
	for note, want := range companies {
		if got := companyOf(note); got != want {
			t.Errorf("companyOf(%q) = %q, want %q", note, got, want)
		}
	}
	dates := map[string]string{
		"2025-02-10":            "2025-02-10",
		"February 3, 2024":      "2024-02-03",
		"Feb 3, 2024":           "2024-02-03",
		"3 February 2024":       "2024-02-03",
		"Monday, March 3, 2025": "2025-03-03",
		"2025-02-10T09:30:00Z":  "2025-02-10",
		"03/02/2024":            "",
		"next Tuesday":          "",
	}
	for s, want := range dates {
		if got := docDate(s); got != want {
			t.Errorf("docDate(%q) = %q, want %q", s, got, want)
		}
	}
	types := map[string]string{
		"Discovery":                 CallDiscovery,
		"Cold Call":                 CallCold,
		"Product Demo":              CallDemo,
		"Follow-up":                 CallFollowUp,
		"follow_up":                 CallFollowUp,
		"Closing Call":              CallClosing,
		"Inbound inquiry":           CallInbound,
		"Practice":                  CallPractice,
		"Quarterly business review": "",
	}
	for s, want := range types {
		if got := docCallType(s); got != want {
			t.Errorf("docCallType(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestDocumentMetaKeySpeaker: a metadata key that labels many lines is a
// speaker's label (a dialer's "Contact"), and its lines are speech; said
// once or twice it is the call's metadata.
func TestDocumentMetaKeySpeaker(t *testing.T) {
	data := "Contact: Hi, is this Dana?\nDana: Speaking.\nContact: Great, I saw your post about the depot.\n" +
		"Dana: Yes?\nContact: How are the vans doing?\nDana: Fine.\n"
	c, err := Parse("dialer.txt", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	check8(t, c, case8{turns: []turn8{
		{"Contact", Unknown, 0, 0, "Hi, is this Dana?"}, {"Dana", Unknown, 0, 0, "Speaking."},
		{"Contact", Unknown, 0, 0, "Great, I saw your post about the depot."}, {"Dana", Unknown, 0, 0, "Yes?"},
		{"Contact", Unknown, 0, 0, "How are the vans doing?"}, {"Dana", Unknown, 0, 0, "Fine."},
	}})
	if c.Skipped.Lines != 0 {
		t.Errorf("skipped %v, want nothing", c.Skipped.Ranges)
	}
}
