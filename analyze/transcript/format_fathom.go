package transcript

import (
	"fmt"
	"strconv"
	"strings"
)

// Fathom's API gives a meeting's transcript as an array of items:
//
//	[{"speaker": {"display_name": "Dana Park", "matched_calendar_invitee_email": "dana@ledgerly.io"},
//	  "text": "Thanks for making the time.", "timestamp": "00:00:09"}, ...]
//
// bare (a recording's transcript), under "transcript" in an object (the
// meeting with its title, invitees and summary around it), or in the one
// meeting of a page of the list endpoint ({"items": [meeting], ...}),
// which holds transcripts when asked with include_transcript. The timestamp
// is where the item starts; the e-mail is null or missing for people not
// on the calendar invite. Addresses are read only to tell the companies
// apart (see fathomParties) and never reach a turn.

const fathomID = "fathom"

// fathomWordsPerSecond is how fast the last item of a call is taken to be
// spoken, to give it an end: conversational speech runs at about 150 words
// a minute.
const fathomWordsPerSecond = 2.5

// fathomSlowWordsPerSecond and fathomPauseSeconds bound an item that the
// next starts long after: its words said slowly, and a pause.
const (
	fathomSlowWordsPerSecond = 1.5
	fathomPauseSeconds       = 3
)

// fathomItem is one transcript item.
type fathomItem struct {
	Speaker   fathomSpeaker `json:"speaker"`
	Text      string        `json:"text"`
	Timestamp *string       `json:"timestamp"`
}

// fathomMeeting is a meeting with its transcript inside, and the times
// that date it.
type fathomMeeting struct {
	Transcript         []fathomItem `json:"transcript"`
	RecordingStartTime string       `json:"recording_start_time"`
	ScheduledStartTime string       `json:"scheduled_start_time"`
	CreatedAt          string       `json:"created_at"`
}

// fathomPage is a page of the list endpoint, or a meeting when Items is
// nil.
type fathomPage struct {
	fathomMeeting
	Items *[]fathomMeeting `json:"items"`
}

// fathomMeetingKeys are keys only a Fathom meeting has: with one of them,
// a meeting or page without transcripts is Fathom's, and is refused with
// what to ask the API for rather than as an unknown format.
var fathomMeetingKeys = []string{"recording_id", "recorded_by", "calendar_invitees_domains_type", "share_url"}

// fathomSpeaker is who said an item: the name shown in the meeting and
// the calendar invitee's address it matched, if any (null leaves it
// empty).
type fathomSpeaker struct {
	Name  string `json:"display_name"`
	Email string `json:"matched_calendar_invitee_email"`
}

// sniffFathom accepts a JSON array of items with a speaker's display_name
// and a timestamp, an object holding such items under "transcript", a
// page of meetings under "items", and a meeting or page that only
// Fathom's keys mark as one (to refuse it for having no transcript).
func sniffFathom(name string, data []byte) bool {
	switch sttFirstByte(data) {
	case '[':
		return sttKey(data, "display_name") && sttKey(data, "timestamp") && sttKey(data, "speaker") && sttKey(data, "text")
	case '{':
		items, transcript := jsonTopKey(data, "items") == '[', jsonTopKey(data, "transcript")
		if sttKey(data, "display_name") && sttKey(data, "timestamp") && (items || transcript == '[') {
			return true
		}
		if items || transcript != 0 {
			for _, k := range fathomMeetingKeys {
				if sttKey(data, k) {
					return true
				}
			}
		}
	}
	return false
}

// parseFathom reads a Fathom transcript. Each item starts at its timestamp
// and ends where the next item starts (the last one after its words at
// fathomWordsPerSecond); an item with words but without a timestamp leaves
// the whole call untimed. Speakers are the display names, as fathomNames
// makes sure they hold no address. Call.Parties is filled from the
// addresses' domains as fathomParties says.
func parseFathom(name string, data []byte) (*Call, error) {
	var items []fathomItem
	var at []any // the path of the items in the document, for errors
	date := ""   // the meeting's day, when the file holds the meeting
	if sttFirstByte(data) == '[' {
		if err := sttDecode(name, fathomID, data, &items); err != nil {
			return nil, err
		}
	} else {
		var page fathomPage
		if err := sttDecode(name, fathomID, data, &page); err != nil {
			return nil, err
		}
		meeting, path, err := fathomOneMeeting(name, data, &page)
		if err != nil {
			return nil, err
		}
		items, at = meeting.Transcript, append(path, "transcript")
		date = fathomDate(meeting)
	}
	starts := make([]float64, len(items))
	timed := true
	for i, it := range items {
		if it.Timestamp == nil || strings.TrimSpace(*it.Timestamp) == "" {
			timed = timed && strings.TrimSpace(it.Text) == ""
			starts[i] = -1
			continue
		}
		sec, ok := parseTimecode(*it.Timestamp)
		if !ok {
			path := append(at, i, "timestamp")
			return nil, fieldError(name, fathomID, data, path, "%s: not a time of the form HH:MM:SS", awsPath(path))
		}
		starts[i] = sec
	}
	names := fathomNames(items)
	c := &Call{Timed: timed, Turns: make([]Turn, 0, len(items))}
	for i, it := range items {
		t := Turn{Speaker: names[i], Text: it.Text}
		if timed && starts[i] >= 0 {
			t.Start = starts[i]
			t.End = fathomEnd(starts, i, it.Text)
		}
		c.Turns = append(c.Turns, t)
	}
	c.Parties = fathomParties(items, names)
	c.Meta.Date = date
	return c, nil
}

// fathomOneMeeting returns the meeting a file holds and its path: the
// file itself, or the one meeting of a page. A page of several meetings,
// an empty page and a meeting without its transcript are refused with
// what to do instead.
func fathomOneMeeting(name string, data []byte, page *fathomPage) (*fathomMeeting, []any, error) {
	meeting, path := &page.fathomMeeting, []any{}
	if page.Items != nil {
		switch n := len(*page.Items); {
		case n == 0:
			return nil, nil, &ParseError{File: name, Format: fathomID, Offset: -1,
				Err: fmt.Errorf("%w: items holds no meeting", ErrNoSpeech)}
		case n > 1:
			return nil, nil, valueError(ErrSeveralCalls, name, fathomID, data, []any{"items", 1},
				"items holds %d meetings; calltrust reads one call a file: save each meeting on its own (jq -c '.items[]' page.json | split -l 1)", n)
		}
		meeting, path = &(*page.Items)[0], []any{"items", 0}
	}
	if meeting.Transcript == nil {
		where := append(path, "transcript")
		return nil, nil, valueError(ErrNoSpeech, name, fathomID, data, where,
			"%s: the meeting holds no transcript; ask the API for it (include_transcript=true, or the recording's transcript endpoint)", awsPath(where))
	}
	return meeting, path, nil
}

// fathomDate is the day a meeting took place (YYYY-MM-DD): when the
// recording started, else when it was scheduled, else when it was
// created, read as a document's date is (docDate); "" when none is a
// date.
func fathomDate(m *fathomMeeting) string {
	for _, v := range []string{m.RecordingStartTime, m.ScheduledStartTime, m.CreatedAt} {
		if d := docDate(v); d != "" {
			return d
		}
	}
	return ""
}

// fathomEnd is where item i ends: the next timed item's start, or, for
// the last item or one the next starts before, its start plus the time
// its words take. A silence or a gap in the recording before the next
// item is not speech: no item lasts longer than its words said slowly.
func fathomEnd(starts []float64, i int, text string) float64 {
	words := float64(len(strings.Fields(text)))
	longest := starts[i] + words/fathomSlowWordsPerSecond + fathomPauseSeconds
	for j := i + 1; j < len(starts); j++ {
		if starts[j] < 0 {
			continue
		}
		if starts[j] >= starts[i] {
			return min(starts[j], longest)
		}
		break
	}
	return starts[i] + words/fathomWordsPerSecond
}

// fathomNames returns the speaker name of each item: its display name
// with any e-mail address taken out of it ("Dana Park <dana@ledgerly.io>"
// is "Dana Park"), or, for a speaker shown by an address alone or with no
// name but an address, "Speaker N". An item with neither has no speaker.
func fathomNames(items []fathomItem) []string {
	names := make([]string, len(items))
	numbered := map[string]string{}
	for i, it := range items {
		key := strings.TrimSpace(it.Speaker.Name)
		n := withoutAddress(key)
		if n == "" {
			if key == "" {
				key = strings.ToLower(strings.TrimSpace(it.Speaker.Email))
			}
			if key != "" {
				if numbered[key] == "" {
					numbered[key] = "Speaker " + strconv.Itoa(len(numbered)+1)
				}
				n = numbered[key]
			}
		}
		names[i] = n
	}
	return names
}

// withoutAddress returns a speaker's name with any e-mail address taken
// out of it, and "" when what is left still holds an "@" or nothing but
// punctuation: a name is never an address.
func withoutAddress(name string) string {
	n := strings.TrimSpace(name)
	if !strings.Contains(n, "@") {
		return n
	}
	n = strings.Trim(squeezeSpace(emailRE.ReplaceAllString(n, "")), " <>()[],;:\"'")
	if strings.Contains(n, "@") {
		return ""
	}
	return n
}
