package transcript

import (
	"path/filepath"
	"testing"
)

func TestParseNotetaker(t *testing.T) {
	tests := []case8{
		// Otter: title and date lines, "Name  0:03", blank lines between
		// blocks, wrapped lines, action items at the end.
		{file: "formats/notetaker/otter-renewal.txt", timed: true, turns: []turn8{
			{"Ravi Patel", Unknown, 3, 19, "Hi Karen, thanks for making the time. Last quarter you said the nightly loads into your warehouse were failing about once a week. I wanted to see where that stands before we talk about the renewal."},
			{"Karen Liu", Unknown, 19, 31, "It's better, but not fixed. We still lose a night's data every couple of weeks, usually when the point of sale export runs late."},
			{"Ravi Patel", Unknown, 31, 35, "What happens downstream when that night is lost?"},
			{"Karen Liu", Unknown, 35, 47, "The store managers open their morning dashboard and it's blank. Then my team spends the morning rerunning things by hand."},
			{"Ravi Patel", Unknown, 47, 65, "That's painful. One option is to let the pipeline wait for the export instead of failing. I can't promise it fixes every late export, but it should cover the cases you described."},
			{"Karen Liu", Unknown, 65, 72, "That would help. I'd need our data lead to look at it before the renewal though."},
			{"Ravi Patel", Unknown, 72, 77.6, "Makes sense. Who is your data lead, and what would they need to see?"},
		}},
		// "Name (Company) 12:40", chapter titles, screen sharing, [Music].
		{file: "formats/notetaker/company-chapters.txt", timed: true, turns: []turn8{
			{"Dana Whitfield", Unknown, 5, 21, "Thanks for joining, Dr. Osei. I'm Dana from Shiftwise. Before I say anything about us, could you tell me how scheduling works across your three clinics today?"},
			{"Kwame Osei", Unknown, 21, 42, "Each office manager keeps a spreadsheet. When a hygienist calls in sick they text around until somebody covers."},
			{"Dana Whitfield", Unknown, 42, 46, "How often does a shift go uncovered?"},
			{"Kwame Osei", Unknown, 46, 70, "Maybe twice a month. When it happens we cancel patients, and that's the part that really hurts."},
			{"Dana Whitfield", Unknown, 70, 88, "Shiftwise sends open shifts to everyone qualified and the first person to accept gets it. For forty staff it's six dollars per person per month."},
			{"Kwame Osei", Unknown, 88, 94, "That's reasonable. I'll think about it and talk to my partners."},
			{"Dana Whitfield", Unknown, 94, 98.4, "Of course. What do you think their main concern will be?"},
		}},
		// "00:01:02 Name", no blank lines, a numbered title, a paused
		// recording between two blocks of one speaker.
		{file: "formats/notetaker/time-first-no-blanks.txt", timed: true, turns: []turn8{
			{"Sofia Marin", Unknown, 4, 13, "Thanks for making time, Luis. As we agreed last week, I'd like to understand how picking errors affect the Reno warehouse."},
			{"Luis Ortega", Unknown, 13, 22, "Sure. We ship about four thousand orders a day and mis-picks run near two percent."},
			{"Sofia Marin", Unknown, 22, 27, "What does a mis-pick cost you once it reaches the customer?"},
			{"Luis Ortega", Unknown, 27, 68, "Return shipping, a reship, and sometimes a chargeback from the retailer. Sorry about that. I'd say thirty dollars each, all in."},
			{"Sofia Marin", Unknown, 68, 75, "And who besides you would need to be comfortable before changing how pickers work?"},
			{"Luis Ortega", Unknown, 75, 78.6, "Our operations director. She worries about retraining during peak."},
		}},
		// The time on the line after the name.
		{file: "formats/notetaker/name-then-time-line.txt", timed: true, turns: []turn8{
			{"Sam Reyes", Unknown, 0, 12, "Hi Ana, thanks for joining again. Last week you said redlines get lost between your team and outside counsel. Is that still the main issue?"},
			{"Ana Souza", Unknown, 12, 21, "It is. We send versions back and forth by email and nobody knows which one is current."},
			{"Sam Reyes", Unknown, 21, 25, "How do you find out today which version was signed?"},
			{"Ana Souza", Unknown, 25, 31, "Usually by asking around. It took us a day last month."},
			{"Sam Reyes", Unknown, 31, 44, "Quillpoint keeps every version in one place and shows who changed what. Would it help if I set up a trial with one of your live contracts?"},
			{"Ana Souza", Unknown, 44, 46.4, "Yes, let's do that next week."},
		}},
		// Names alone, no times.
		{file: "formats/notetaker/untimed-names.md", turns: []turn8{
			{"Monica Reyes", Unknown, 0, 0, "Hi Tom, thanks for taking the call. I know you only have twenty minutes, so should we start with how onboarding works for you today?"},
			{"Tom Becker", Unknown, 0, 0, "Sure. Right now a new hire fills in about eleven separate forms, and the benefits enrollment is the one people always miss."},
			{"Monica Reyes", Unknown, 0, 0, "What happens when they miss it?"},
			{"Tom Becker", Unknown, 0, 0, "HR has to fix it by hand with the carrier, and that can take weeks."},
			{"Monica Reyes", Unknown, 0, 0, "Our onboarding module sends reminders until the enrollment is done. I won't promise nobody misses a deadline, but it usually drops sharply."},
			{"Tom Becker", Unknown, 0, 0, "Okay. My worry is our payroll provider. It's an old version."},
			{"Monica Reyes", Unknown, 0, 0, "Which provider is it? I'd rather check the integration now than surprise you later."},
		}},
	}
	for _, tc := range tests {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			check8(t, parseFixture8(t, tc.file), tc)
		})
	}
}

func TestParseNotetakerLayouts(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		timed bool
		want  []turn8
	}{
		{"name - time, no blank lines, transcription notice", "Weekly sync\nClaire Novak - 00:00:02\nHi Ben, thanks for\nhopping on.\nBen Hart - 00:00:09\nYes.\nClaire Novak started transcription\nClaire Novak - 00:00:15\nWhat happens then?\n",
			true, []turn8{{"Claire Novak", Unknown, 2, 9, "Hi Ben, thanks for hopping on."}, {"Ben Hart", Unknown, 9, 15, "Yes."}, {"Claire Novak", Unknown, 15, 16.2, "What happens then?"}}},
		{"bracketed times before the name", "[00:00:01] Ana de Souza\nHello and welcome.\n[00:00:04] Ben\nThanks, glad to be here.\n",
			true, []turn8{{"Ana de Souza", Unknown, 1, 4, "Hello and welcome."}, {"Ben", Unknown, 4, 6, "Thanks, glad to be here."}}},
		{"numbered headers", "1. Jane Doe 0:01\nHi there.\n2. John Roe 0:05\nHello.\n",
			true, []turn8{{"Jane Doe", Unknown, 1, 5, "Hi there."}, {"John Roe", Unknown, 5, 5.4, "Hello."}}},
		{"time range line before the name", "0:0:1.0 --> 0:0:3.5\nJane Doe\nHi there.\n0:0:4.0 --> 0:0:6.0\nJohn Roe\nHello.\n",
			true, []turn8{{"Jane Doe", Unknown, 1, 4, "Hi there."}, {"John Roe", Unknown, 4, 4.4, "Hello."}}},
		{"one-word replies are not names", "Jane Doe\nDid that help?\nJohn Roe\nYes\nJane Doe\nGreat\nJohn Roe\nAbsolutely\n",
			false, []turn8{{"Jane Doe", Unknown, 0, 0, "Did that help?"}, {"John Roe", Unknown, 0, 0, "Yes"}, {"Jane Doe", Unknown, 0, 0, "Great"}, {"John Roe", Unknown, 0, 0, "Absolutely"}}},
		{"a speaker heard once after the others", "Jane Doe\nWelcome, both of you.\n\nJohn Roe\nThanks.\n\nJane Doe\nPriya, anything to add?\n\nPriya Nair\nNot yet.\n",
			false, []turn8{{"Jane Doe", Unknown, 0, 0, "Welcome, both of you."}, {"John Roe", Unknown, 0, 0, "Thanks."}, {"Jane Doe", Unknown, 0, 0, "Priya, anything to add?"}, {"Priya Nair", Unknown, 0, 0, "Not yet."}}},
		{"wrapped hyphenated word", "Jane Doe 0:01\nWe can set up a follow-\nup next week.\nJohn Roe 0:09\nSure.\n",
			true, []turn8{{"Jane Doe", Unknown, 1, 9, "We can set up a follow-up next week."}, {"John Roe", Unknown, 9, 9.4, "Sure."}}},
		{"markers dropped", "Jane Doe 0:01\nLet me share.\nScreen sharing started\n(laughter)\n♪ hold music ♪\nJohn Roe joined the meeting\nJohn Roe 0:10\nI can see it.\n---\nSummary\nJohn liked the demo.\n",
			true, []turn8{{"Jane Doe", Unknown, 1, 10, "Let me share."}, {"John Roe", Unknown, 10, 11.6, "I can see it."}}},
		{"caseless and lower-case names", "李明 0:01\n你好.\niPhone 0:04\nHello.\n",
			true, []turn8{{"李明", Unknown, 1, 4, "你好."}, {"iPhone", Unknown, 4, 4.4, "Hello."}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !sniffNotetaker("n.txt", []byte(tc.text)) {
				t.Fatal("not sniffed as notetaker")
			}
			c, err := parseNotetaker("n.txt", []byte(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			tidy(c)
			check8(t, c, case8{timed: tc.timed, turns: tc.want})
		})
	}
}

func TestSniffNotetaker(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool
	}{
		{"prose", "Hi Priya, this is Nadia from Ledgerline.\nI noticed you opened a new plant.\n\nWould you be open to a call?\n", false},
		{"title then prose", "Practice Pitch\nHi Priya, this is Nadia.\n\nWould you be open to a call?\n", false},
		{"one name once", "Jane Doe\nHello there, how are you?\n", false},
		{"two names once each", "Jane Doe\nHello there.\nJohn Roe\nHi.\n", false},
		{"name: text lines", "Jane Doe: Hello there.\nJohn Roe: Hi.\nJane Doe: How are you?\n", false},
		{"json", `{"segments": []}`, false},
		{"webvtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nJane Doe\nHi.\n", false},
		{"times in sentences", "We met at 10:30 and talked.\nThen at 11:00 we left.\n", false},
		{"two timed headers", "Jane Doe 0:01\nHello.\nJohn Roe 0:03\nHi.\n", true},
		{"empty", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := sniffNotetaker("n.txt", []byte(tc.text)); got != tc.want {
				t.Errorf("sniffNotetaker = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestNoteName(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"Jane Doe", true},
		{"Doe, Jane", true},
		{"Jane Doe (Acme Corp)", true},
		{"J. R. Smith", true},
		{"Ana de Souza", true},
		{"Speaker 1", true},
		{"iPhone", true},
		{"Thanks", false},
		{"Sounds good", false},
		{"I agree", false},
		{"the plan", false},
		{"Let's talk", false},
		{"Jane: hello", false},
		{"Really great call today.", false},
		{"1 Jane", false},
		{"de la", false},
		{"Jane Doe ()", false},
		{"A Very Long Title With Many Words", false},
	}
	for _, tc := range tests {
		t.Run(tc.s, func(t *testing.T) {
			if got := noteName(tc.s); got != tc.want {
				t.Errorf("noteName(%q) = %v, want %v", tc.s, got, tc.want)
			}
		})
	}
}

// TestNoteMarkers checks that what a meeting tool writes between turns is
// never taken for a speaker's name.
func TestNoteMarkers(t *testing.T) {
	for _, line := range []string{"Screen sharing", "SCREEN SHARING", "Recording started", "Recording", "Presenting",
		"Dana started screen sharing", `"`, "VIEW RECORDING - 36 mins"} {
		t.Run(line, func(t *testing.T) {
			if !noteMarkerLine(line) {
				t.Errorf("%q is not taken for a tool's marker", line)
			}
		})
	}
	for _, line := range []string{"Dana Reyes", "Recording the demo was easy.", "Screen sharing works for me now, thanks."} {
		t.Run(line, func(t *testing.T) {
			if noteMarkerLine(line) {
				t.Errorf("%q is taken for a tool's marker", line)
			}
		})
	}
}
