package transcript

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// MetaSuffix is appended to a transcript's full name to find its sidecar:
// call.vtt -> call.vtt.meta.json.
const MetaSuffix = ".meta.json"

// ErrMeta means a sidecar is unreadable or does not fit its transcript.
var ErrMeta = errors.New("bad sidecar")

// ParseMeta reads a sidecar .meta.json. Unknown keys, a date that is not
// YYYY-MM-DD and an unknown call type are errors naming the file.
func ParseMeta(name string, data []byte) (Meta, error) {
	var m Meta
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, bom)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return m, &ParseError{File: name, Format: "meta.json", Line: LineAt(data, int(se.Offset)), Offset: se.Offset, Err: fmt.Errorf("%w: %v", ErrMeta, err)}
		}
		return m, &ParseError{File: name, Format: "meta.json", Offset: -1, Err: fmt.Errorf("%w: %v", ErrMeta, err)}
	}
	if m.Date != "" {
		if _, err := time.Parse("2006-01-02", m.Date); err != nil {
			return m, &ParseError{File: name, Format: "meta.json", Offset: -1, Err: fmt.Errorf("%w: date %q is not YYYY-MM-DD", ErrMeta, m.Date)}
		}
	}
	switch m.CallType {
	case "", CallCold, CallDiscovery, CallDemo, CallFollowUp, CallClosing, CallInbound, CallPractice:
	default:
		return m, &ParseError{File: name, Format: "meta.json", Offset: -1, Err: fmt.Errorf("%w: call_type %q is not one of cold, discovery, demo, follow_up, closing, inbound, practice", ErrMeta, m.CallType)}
	}
	return m, nil
}

// ApplyMeta merges a sidecar into the call: set fields win over what the
// file said. Speakers the sidecar names must be in the transcript.
func (c *Call) ApplyMeta(m Meta) error {
	speakers := map[string]bool{}
	for _, s := range c.Speakers() {
		speakers[strings.ToLower(s)] = true
	}
	for _, list := range [][]string{m.SellerSpeakers, m.CustomerSpeakers} {
		for _, s := range list {
			if !speakers[strings.ToLower(strings.TrimSpace(s))] && !speakers[strings.ToLower(SpeakerName(s))] {
				return fmt.Errorf("%w: speaker %q is not in %s (speakers: %s)", ErrMeta, s, c.Source, strings.Join(c.Speakers(), ", "))
			}
		}
	}
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&c.Meta.Rep, m.Rep)
	set(&c.Meta.Account, m.Account)
	set(&c.Meta.Date, m.Date)
	set(&c.Meta.CallType, m.CallType)
	set(&c.Meta.Agenda, m.Agenda)
	if len(m.SellerSpeakers) > 0 || len(m.CustomerSpeakers) > 0 {
		c.SpeakersFromSidecar = true
		c.Meta.SellerSpeakers, c.Meta.CustomerSpeakers = nil, nil
	}
	if len(m.SellerSpeakers) > 0 {
		c.Meta.SellerSpeakers = m.SellerSpeakers
	}
	if len(m.CustomerSpeakers) > 0 {
		c.Meta.CustomerSpeakers = m.CustomerSpeakers
	}
	return nil
}
