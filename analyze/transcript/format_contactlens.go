package transcript

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Amazon Connect Contact Lens writes one JSON document per contact:
//
//	{"Version": "1.1.0", "Channel": "VOICE", "Participants": [{"ParticipantId": "AGENT",
//	  "ParticipantRole": "AGENT"}, ...], "Transcript": [{"ParticipantId": "AGENT",
//	  "Content": "...", "BeginOffsetMillis": 0, "EndOffsetMillis": 2100}, ...]}
//
// The file states who is who: AGENT (and SUPERVISOR) is the seller side,
// CUSTOMER the buyer. System and bot turns are not speakers.

const contactLensID = "contact-lens"

// contactLensFile is the part of a Contact Lens document calltrust reads.
type contactLensFile struct {
	Channel      string `json:"Channel"`
	Participants []struct {
		ParticipantID   string `json:"ParticipantId"`
		ParticipantRole string `json:"ParticipantRole"`
	} `json:"Participants"`
	Transcript []struct {
		ParticipantID     string     `json:"ParticipantId"`
		ParticipantRole   string     `json:"ParticipantRole"`
		Content           string     `json:"Content"`
		BeginOffsetMillis *sttNumber `json:"BeginOffsetMillis"`
		EndOffsetMillis   *sttNumber `json:"EndOffsetMillis"`
	} `json:"Transcript"`
}

// sniffContactLens accepts a JSON object with Contact Lens's Transcript and
// ParticipantId keys, valid JSON or not.
func sniffContactLens(name string, data []byte) bool {
	return sttFirstByte(data) == '{' && sttKey(data, "Transcript") && sttKey(data, "ParticipantId")
}

// parseContactLens reads a Contact Lens document. Roles come from the
// file: ParticipantRole on the transcript item, else the participant's role
// in Participants, else the participant ID itself (AGENT, CUSTOMER).
func parseContactLens(name string, data []byte) (*Call, error) {
	var f contactLensFile
	if err := sttDecode(name, contactLensID, data, &f); err != nil {
		return nil, err
	}
	roles := map[string]string{}
	for _, p := range f.Participants {
		roles[p.ParticipantID] = p.ParticipantRole
	}
	c := &Call{Timed: len(f.Transcript) > 0}
	for _, it := range f.Transcript {
		role := it.ParticipantRole
		if role == "" {
			role = roles[it.ParticipantID]
		}
		if role == "" {
			role = it.ParticipantID
		}
		r, speaks := contactLensRole(role)
		if !speaks {
			continue
		}
		if r != Unknown {
			c.RolesFromFile = true
		}
		speaker := it.ParticipantID
		if speaker == "" {
			speaker = strings.ToUpper(strings.TrimSpace(role))
		}
		t := Turn{Speaker: speaker, Role: r, Text: it.Content}
		if it.BeginOffsetMillis == nil {
			c.Timed = false
		} else {
			t.Start = float64(*it.BeginOffsetMillis) / 1000
			t.End = t.Start
			if it.EndOffsetMillis != nil && float64(*it.EndOffsetMillis)/1000 > t.Start {
				t.End = float64(*it.EndOffsetMillis) / 1000
			}
		}
		c.Turns = append(c.Turns, t)
	}
	orderByTime(c)
	return c, nil
}

// contactLensRole maps a ParticipantRole to a side of the call. speaks is
// false for roles that are not people in the conversation.
func contactLensRole(role string) (r Role, speaks bool) {
	switch strings.ToUpper(strings.TrimSpace(role)) {
	case "AGENT", "SUPERVISOR":
		return Seller, true
	case "CUSTOMER":
		return Customer, true
	case "SYSTEM", "CUSTOM_BOT", "AUTOMATED", "BOT":
		return Unknown, false
	}
	return Unknown, true
}

// The helpers below are shared by the speech-to-text and contact-center
// JSON formats (Contact Lens, Google, Azure, Deepgram, AssemblyAI, Whisper).

// sttFirstByte returns the first byte of data that is not JSON whitespace,
// or 0.
func sttFirstByte(data []byte) byte {
	for _, b := range data {
		switch b {
		case ' ', '\t', '\n', '\r':
			continue
		}
		return b
	}
	return 0
}

// sttKey reports whether data holds key as a JSON object key: the quoted
// name followed by optional whitespace and a colon. It reads the bytes as
// they are, so it also works on JSON that does not parse.
func sttKey(data []byte, key string) bool {
	q := []byte(`"` + key + `"`)
	for i := 0; i < len(data); {
		j := bytes.Index(data[i:], q)
		if j < 0 {
			return false
		}
		k := i + j + len(q)
		for k < len(data) && (data[k] == ' ' || data[k] == '\t' || data[k] == '\n' || data[k] == '\r') {
			k++
		}
		if k < len(data) && data[k] == ':' {
			return true
		}
		i += j + 1
	}
	return false
}

// sttDecode unmarshals a whole JSON document into v. Invalid JSON is a
// ParseError that names the format and the byte offset and line of the
// fault; nothing is decoded from it.
func sttDecode(name, format string, data []byte, v any) error {
	err := decodeJSON(data, v)
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return &ParseError{File: name, Format: format, Line: LineAt(data, int(se.Offset)), Offset: se.Offset,
			Err: fmt.Errorf("%w: invalid JSON: %s", ErrSyntax, jsonProblem(se))}
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			field = "top level"
		}
		return &ParseError{File: name, Format: format, Line: LineAt(data, int(te.Offset)), Offset: te.Offset,
			Err: fmt.Errorf("%w: %s: JSON %s where %s belongs", ErrSyntax, field, te.Value, te.Type)}
	}
	return &ParseError{File: name, Format: format, Offset: -1, Err: fmt.Errorf("%w: %s", ErrSyntax, jsonProblem(err))}
}

// sttNumber is a number that services write either as a JSON number or as
// a numeric string (protobuf int64 fields, for one).
type sttNumber float64

// UnmarshalJSON accepts a number, a numeric string or null.
func (n *sttNumber) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "null" {
		return nil
	}
	if uq, err := strconv.Unquote(s); err == nil {
		s = strings.TrimSpace(uq)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return errors.New("a value that should be a number is not one")
	}
	*n = sttNumber(v)
	return nil
}

// sttLabel is a speaker or channel label that services write as a string
// ("A", "SPEAKER_00") or as a number (0, 1). Set is false when the field was
// absent, null or empty.
type sttLabel struct {
	Value string
	Set   bool
}

// UnmarshalJSON accepts a string, a number or null; anything else leaves
// the label unset.
func (l *sttLabel) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	switch {
	case strings.HasPrefix(s, `"`):
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		v = strings.TrimSpace(v)
		*l = sttLabel{Value: v, Set: v != ""}
	case s != "" && (s[0] == '-' || (s[0] >= '0' && s[0] <= '9')):
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return errors.New("a speaker or channel label is neither a string nor a number")
		}
		*l = sttLabel{Value: strconv.FormatFloat(v, 'f', -1, 64), Set: true}
	}
	return nil
}

// sttWord is one recognised word with its speaker label and times.
type sttWord struct {
	speaker    string
	start, end float64
	text       string
}

// sttTurns builds turns from words in order, starting a new turn whenever
// the speaker changes.
func sttTurns(words []sttWord) []Turn {
	var turns []Turn
	for _, w := range words {
		if strings.TrimSpace(w.text) == "" {
			continue
		}
		if n := len(turns); n > 0 && turns[n-1].Speaker == w.speaker {
			t := &turns[n-1]
			t.Text += " " + w.text
			t.End = max(t.End, w.end)
			continue
		}
		turns = append(turns, Turn{Speaker: w.speaker, Start: w.start, End: max(w.start, w.end), Text: w.text})
	}
	return turns
}

// sttSpeaker names a diarized speaker "Speaker <label>", or "" for none.
func sttSpeaker(l sttLabel) string {
	if !l.Set {
		return ""
	}
	return "Speaker " + l.Value
}
