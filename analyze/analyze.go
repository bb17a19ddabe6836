package analyze

import (
	"github.com/calltrust/calltrust/lexicons"
)

// Analyze builds the trust report of a call with a lexicon set. It sets
// the turns' roles. It fails, naming the call's source, when the call is
// not a conversation (fewer than two speakers) and not a practice pitch.
// With opts.Redact the call's text is redacted in place first, so every
// quote and the transcript a page shows are redacted too.
func Analyze(c *Call, set *lexicons.Set, opts Options) (*Report, error) {
	practice := opts.Practice || c.Meta.CallType == CallPractice
	if err := c.CheckSpeakers(practice); err != nil {
		return nil, err
	}
	if opts.Redact {
		c.Redact()
	}
	turns := prepare(c, set)
	roles, err := assignRoles(c, turns, opts)
	if err != nil {
		return nil, err
	}
	m := measure(c, turns)
	r := &Report{
		SchemaVersion:        SchemaVersion,
		Call:                 callInfo(c),
		LexiconsVersion:      set.Version,
		Roles:                roles,
		Flags:                []Flag{},
		NotApplicable:        []Kind{},
		NotApplicableReasons: []NotApplicable{},
		Timeline:             timeline(c, turns),
	}
	pitch, pitchScore := detectPitch(c, turns, m, practice)
	ps := promises(turns)
	promise, excused := detectPromise(c, ps)
	r.Excused = excused
	for _, p := range ps {
		if p.t.Role == Seller {
			if p.reason == "" {
				m.Overpromises++
			} else {
				m.ExcusedPromises++
			}
		}
	}
	st := callStage(c, turns)
	if practice {
		st.callType, st.openingMissing = CallPractice, ""
	}
	r.Call.setStage(st)
	reason, why := detectReason(c, turns, st)
	if why != "" {
		r.notApplicable(NoBusinessReason, why)
	}
	var objection *Flag
	switch {
	case practice:
		r.notApplicable(UnraisedObjection, "a practice pitch has no buyer to object")
	case len(roles.Customer) == 0:
		r.notApplicable(UnraisedObjection, "no speaker was taken as the customer side")
	default:
		objection = detectObjection(c, turns, &m)
	}
	for _, f := range []*Flag{pitch, reason, promise, objection} {
		if f != nil {
			if f.Evidence == nil {
				f.Evidence = []Evidence{}
			}
			r.Flags = append(r.Flags, *f)
		}
	}
	r.Metrics = m
	r.Trust = trust(c, turns, m, ps, pitchScore)
	if pitch != nil {
		r.Trust.SelfOrientation.Evidence = pitch.Evidence
	}
	return r, nil
}

func callInfo(c *Call) CallInfo {
	ci := CallInfo{ID: c.ID, Source: c.Source, Format: c.Format, Rep: c.Meta.Rep, Account: c.Meta.Account, Date: c.Meta.Date, CallType: c.Meta.CallType}
	if c.Timed {
		d := round2(c.Duration())
		ci.DurationSeconds = &d
	}
	if !c.Skipped.IsZero() {
		ci.Skipped = &Skipped{Lines: c.Skipped.Lines, Ranges: c.Skipped.Ranges, Note: c.Skipped.Note()}
	}
	return ci
}

// timeline places every turn on the call's clock, or on a word count
// when the transcript has no times.
func timeline(c *Call, turns []turn) []Segment {
	out := make([]Segment, len(turns))
	at := 0.0
	for i := range turns {
		t := &turns[i]
		s := Segment{Turn: i, Speaker: t.Speaker, Role: t.Role, Words: t.nwords}
		if c.Timed {
			s.Start, s.End = t.Start, t.End
		} else {
			s.Start, s.End = at, at+float64(t.nwords)
			at = s.End
		}
		out[i] = s
	}
	return out
}

// notApplicable lists a kind that cannot apply to the call, with why.
func (r *Report) notApplicable(k Kind, why string) {
	r.NotApplicable = append(r.NotApplicable, k)
	r.NotApplicableReasons = append(r.NotApplicableReasons, NotApplicable{Kind: k, Reason: why})
}

// setStage records the call's stage in the report.
func (ci *CallInfo) setStage(st stage) {
	ci.CallType, ci.CallTypeSource = st.callType, st.source
	if st.source == StageFromInferred && st.callType != CallPractice && st.callType != CallUnknown {
		conf := st.confidence
		ci.CallTypeConfidence = &conf
		if st.evidence != nil {
			ci.CallTypeQuote = st.evidence.Quote
		}
	}
}
