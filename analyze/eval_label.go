package analyze

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/calltrust/calltrust/analyze/transcript"
	"github.com/calltrust/calltrust/lexicons"
)

// ErrLabels means a labels file is not the shape Evaluate reads.
var ErrLabels = errors.New("bad labels")

// Label is what a careful manager decided about one call: which flags
// they would raise, which they would not, and what carries the judgement.
// A flag in neither Flags nor NotFlags is undecided and not scored.
type Label struct {
	// File is the transcript, relative to the labels file.
	File string `json:"file"`
	// Flags are the flags the labeller would raise.
	Flags []Kind `json:"flags"`
	// NotFlags are the flags the labeller would not raise.
	NotFlags []Kind `json:"not_flags"`
	// SellerSpeakers and CustomerSpeakers name who is on which side, as
	// the file names them. An entry wholly in parentheses, "(Name)",
	// describes a speaker the file does not name and is ignored.
	SellerSpeakers   []string `json:"seller_speakers,omitempty"`
	CustomerSpeakers []string `json:"customer_speakers,omitempty"`
	// Traps are sentences that look like an overpromise and are not: none
	// may be quoted as overpromise evidence.
	Traps []string `json:"traps,omitempty"`
	// Evidence holds, per flag, quotes that carry the judgement.
	Evidence map[Kind][]string `json:"evidence,omitempty"`
	// Notes is the labeller's reasoning.
	Notes string `json:"notes,omitempty"`
	// Format and OutsideSpec describe the file; the evaluation only
	// carries them.
	Format      string `json:"format,omitempty"`
	OutsideSpec string `json:"outside_spec,omitempty"`
}

// decided returns the label's verdict on a flag: positive, and whether
// the labeller decided at all.
func (l *Label) decided(k Kind) (positive, ok bool) {
	for _, f := range l.Flags {
		if f == k {
			return true, true
		}
	}
	for _, f := range l.NotFlags {
		if f == k {
			return false, true
		}
	}
	return false, false
}

// ParseLabels reads a labels file: a JSON array of Label. Unknown keys,
// unknown flag kinds, a flag both raised and not, an entry without a file
// and a file labelled twice are errors naming the file, the entry and its
// line.
func ParseLabels(name string, data []byte) ([]Label, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	fail := func(off int64, entry int, err error) error {
		where := fmt.Sprintf("line %d", transcript.LineAt(data, int(off)))
		if entry >= 0 {
			where = fmt.Sprintf("entry %d (line %d)", entry+1, transcript.LineAt(data, int(off)))
		}
		return fmt.Errorf("labels %s: %s: %w: %v", name, where, ErrLabels, err)
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		if err == nil {
			err = errors.New("want a JSON array of labelled calls")
		}
		return nil, fail(dec.InputOffset(), -1, err)
	}
	var out []Label
	seen := map[string]int{}
	for i := 0; dec.More(); i++ {
		off := dec.InputOffset()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, fail(dec.InputOffset(), i, err)
		}
		// The entry starts after the separator the offset may point at.
		off += int64(len(data[off:]) - len(bytes.TrimLeft(data[off:], ", \t\r\n")))
		ed := json.NewDecoder(bytes.NewReader(raw))
		ed.DisallowUnknownFields()
		var l Label
		if err := ed.Decode(&l); err != nil {
			return nil, fail(off, i, err)
		}
		if err := l.check(); err != nil {
			return nil, fail(off, i, err)
		}
		if j, dup := seen[l.File]; dup {
			return nil, fail(off, i, fmt.Errorf("%s is labelled twice (entry %d too)", l.File, j+1))
		}
		seen[l.File] = i
		out = append(out, l)
	}
	if _, err := dec.Token(); err != nil {
		return nil, fail(dec.InputOffset(), -1, err)
	}
	return out, nil
}

// check validates one label on its own.
func (l *Label) check() error {
	if strings.TrimSpace(l.File) == "" {
		return errors.New(`no "file"`)
	}
	known := func(k Kind, field string) error {
		for _, x := range Kinds {
			if x == k {
				return nil
			}
		}
		return fmt.Errorf("%s: %q is not a flag (want one of %s)", field, k, kindList())
	}
	raised := map[Kind]bool{}
	for _, k := range l.Flags {
		if err := known(k, "flags"); err != nil {
			return err
		}
		raised[k] = true
	}
	for _, k := range l.NotFlags {
		if err := known(k, "not_flags"); err != nil {
			return err
		}
		if raised[k] {
			return fmt.Errorf("%s is in both flags and not_flags", k)
		}
	}
	for k := range l.Evidence {
		if err := known(k, "evidence"); err != nil {
			return err
		}
	}
	return nil
}

func kindList() string {
	s := make([]string, len(Kinds))
	for i, k := range Kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// labelledSpeakers drops the entries that describe a speaker the file does not name:
// those wholly in parentheses.
func labelledSpeakers(names []string) []string {
	var out []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" || (strings.HasPrefix(n, "(") && strings.HasSuffix(n, ")")) {
			continue
		}
		out = append(out, n)
	}
	return out
}

// Sellers returns the seller-side speakers a label names for a call, to
// pass as Options.Seller: its seller_speakers, or, when it names only
// customers, every other speaker. Nil means the label says nothing and
// the sidecar, the file or inference decide. A seller the call does not
// have is an error naming it and the call's speakers.
func (l *Label) Sellers(c *Call) ([]string, error) {
	speakers := c.Speakers()
	byLower := map[string]bool{}
	for _, s := range speakers {
		byLower[strings.ToLower(s)] = true
	}
	if sellers := labelledSpeakers(l.SellerSpeakers); len(sellers) > 0 {
		for _, s := range sellers {
			if !byLower[strings.ToLower(s)] {
				return nil, fmt.Errorf("%s: the label's seller_speakers names %q, not a speaker in the call (speakers: %s)", l.File, s, strings.Join(speakers, ", "))
			}
		}
		return sellers, nil
	}
	customers := labelledSpeakers(l.CustomerSpeakers)
	if len(customers) == 0 {
		return nil, nil
	}
	isCustomer := map[string]bool{}
	for _, s := range customers {
		isCustomer[strings.ToLower(s)] = true
	}
	var sellers []string
	for _, s := range speakers {
		if !isCustomer[strings.ToLower(s)] {
			sellers = append(sellers, s)
		}
	}
	if len(sellers) == 0 {
		return nil, fmt.Errorf("%s: the label's customer_speakers names every speaker in the call (%s)", l.File, strings.Join(speakers, ", "))
	}
	return sellers, nil
}

// AnalyzeLabelled analyzes a labelled call as the labeller saw it: the
// label's speakers are the roles, as --seller would pass them.
func AnalyzeLabelled(c *Call, l *Label, set *lexicons.Set) (*Report, error) {
	sellers, err := l.Sellers(c)
	if err != nil {
		return nil, err
	}
	return Analyze(c, set, Options{Seller: sellers})
}
