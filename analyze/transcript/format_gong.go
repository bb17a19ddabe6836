package transcript

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
)

// Gong's API gives a call's transcript (POST /v2/calls/transcript) as:
//
//	{"requestId": "...", "records": {...}, "callTranscripts": [{"callId": "7782342274025937895",
//	  "transcript": [{"speakerId": "6432345678555530067", "topic": "Pricing",
//	    "sentences": [{"start": 460230, "end": 462343, "text": "No wonder."}]}]}]}
//
// Each transcript entry is one speaker's monologue; times are milliseconds.
// Who the speakers are comes from the call's parties (/v2/calls/extensive),
// which an export may put beside the transcripts in the same document:
// under "parties" at the top level, or in "call" or "calls" as Gong nests
// them: [{"speakerId", "name", "affiliation", "emailAddress", "title"}].
//
// calltrust reads one call a file: a document with several entries in
// callTranscripts is refused with an error that says so and counts them,
// rather than one of them being read and the others silently dropped.

const gongID = "gong"

// gongFile is the part of a Gong transcript export calltrust reads.
type gongFile struct {
	CallTranscripts []struct {
		Transcript []struct {
			SpeakerID gongRef `json:"speakerId"`
			Sentences []struct {
				Start sttNumber `json:"start"`
				End   sttNumber `json:"end"`
				Text  string    `json:"text"`
			} `json:"sentences"`
		} `json:"transcript"`
	} `json:"callTranscripts"`
	Parties []gongParty `json:"parties"`
	Call    *struct {
		Parties []gongParty `json:"parties"`
	} `json:"call"`
	Calls []struct {
		Parties []gongParty `json:"parties"`
	} `json:"calls"`
}

// gongParty is one participant of a call as Gong lists it.
type gongParty struct {
	SpeakerID   gongRef `json:"speakerId"`
	Name        string  `json:"name"`
	Affiliation string  `json:"affiliation"`
}

// gongRef is a Gong ID: a string of digits, or a JSON number in exports
// that wrote it as one (kept as written, since IDs outgrow a float64).
// null leaves it empty.
type gongRef string

// UnmarshalJSON reads a string, a number or null; any other JSON leaves
// the ID empty.
func (id *gongRef) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*id = gongRef(strings.TrimSpace(s))
	case len(b) > 0 && (b[0] == '-' || isDigit(b[0])):
		*id = gongRef(b)
	}
	return nil
}

// sniffGong accepts a JSON object with Gong's callTranscripts key.
func sniffGong(name string, data []byte) bool {
	return sttFirstByte(data) == '{' && sttKey(data, "callTranscripts")
}

// parseGong reads a Gong transcript, one turn a monologue. With parties
// beside it, a speaker is named by their party's name; roles come from the
// affiliations (Internal is the seller side, External the customer side)
// when at least one Internal and one External speaker talk, and
// Call.Parties holds every talking speaker's affiliation either way.
// Without a party, a speaker is "Speaker <speakerId>" and roles are left
// to inference.
func parseGong(name string, data []byte) (*Call, error) {
	var f gongFile
	if err := sttDecode(name, gongID, data, &f); err != nil {
		return nil, err
	}
	switch n := len(f.CallTranscripts); {
	case n == 0:
		return nil, &ParseError{File: name, Format: gongID, Offset: -1,
			Err: fmt.Errorf("%w: callTranscripts holds no call", ErrNoSpeech)}
	case n > 1:
		return nil, valueError(ErrSeveralCalls, name, gongID, data, []any{"callTranscripts", 1},
			"callTranscripts holds %d calls; calltrust reads one call a file: export each call on its own", n)
	}
	parties := gongParties(&f)
	c := &Call{Timed: true}
	affiliation := map[string]string{} // speaker -> "internal", "external" or ""
	for mi, m := range f.CallTranscripts[0].Transcript {
		if len(m.Sentences) == 0 {
			continue
		}
		t := Turn{Speaker: gongSpeaker(m.SpeakerID, parties), Start: math.Inf(1)}
		texts := make([]string, 0, len(m.Sentences))
		for si, s := range m.Sentences {
			for _, v := range [...]struct {
				key string
				ms  float64
			}{{"start", float64(s.Start)}, {"end", float64(s.End)}} {
				if v.ms < 0 || math.IsNaN(v.ms) || math.IsInf(v.ms, 0) {
					path := []any{"callTranscripts", 0, "transcript", mi, "sentences", si, v.key}
					return nil, fieldError(name, gongID, data, path, "%s: not a time in milliseconds", awsPath(path))
				}
			}
			texts = append(texts, s.Text)
			t.Start = min(t.Start, float64(s.Start)/1000)
			t.End = max(t.End, float64(s.End)/1000)
		}
		t.End = max(t.End, t.Start)
		t.Text = strings.Join(texts, " ")
		if p, ok := parties[m.SpeakerID]; ok && t.Speaker != "" && strings.TrimSpace(t.Text) != "" {
			affiliation[t.Speaker] = strings.ToLower(strings.TrimSpace(p.Affiliation))
		}
		c.Turns = append(c.Turns, t)
	}
	orderByTime(c)
	sides := map[Role]bool{}
	for speaker, a := range affiliation {
		if role := gongRole(a); role != Unknown {
			sides[role] = true
			if c.Parties == nil {
				c.Parties = map[string]string{}
			}
			c.Parties[speaker] = a
		}
	}
	if sides[Seller] && sides[Customer] {
		c.RolesFromFile = true
		for i := range c.Turns {
			c.Turns[i].Role = gongRole(affiliation[c.Turns[i].Speaker])
		}
	}
	return c, nil
}

// gongParties gathers the parties given anywhere in the document by
// speaker ID; the first listed wins.
func gongParties(f *gongFile) map[gongRef]gongParty {
	all := f.Parties
	if f.Call != nil {
		all = append(all, f.Call.Parties...)
	}
	for _, c := range f.Calls {
		all = append(all, c.Parties...)
	}
	out := map[gongRef]gongParty{}
	for _, p := range all {
		if _, seen := out[p.SpeakerID]; p.SpeakerID != "" && !seen {
			out[p.SpeakerID] = p
		}
	}
	return out
}

// gongSpeaker names the speaker of a monologue: their party's name, with
// any e-mail address taken out of it, else "Speaker <speakerId>". A
// monologue without a speaker ID has no speaker.
func gongSpeaker(id gongRef, parties map[gongRef]gongParty) string {
	if id == "" {
		return ""
	}
	n := withoutAddress(parties[id].Name)
	if n == "" {
		return "Speaker " + string(id)
	}
	return n
}

// gongRole is the side an affiliation (lower case) puts a speaker on.
func gongRole(affiliation string) Role {
	switch affiliation {
	case "internal":
		return Seller
	case "external":
		return Customer
	}
	return Unknown
}
