package analyze

import (
	"fmt"
	"math"

	"github.com/calltrust/calltrust/lexicons"
)

// Where a call's stage (its call type) came from.
const (
	StageFromSidecar  = "sidecar"
	StageFromDocument = "document"
	StageFromInferred = "inferred"
)

// CallUnknown is the call type of a call whose first turns say nothing
// about its stage.
const CallUnknown = "unknown"

// stageTypes maps a call_stage lexicon entry to the call type it signals.
// A booked meeting with no sign of an earlier conversation or a demo is
// taken for a discovery call.
var stageTypes = map[string]string{
	"cold":      CallCold,
	"inbound":   CallInbound,
	"booked":    CallDiscovery,
	"demo":      CallDemo,
	"follow_up": CallFollowUp,
	"closing":   CallClosing,
}

// stageOrder ranks the stage signals: a later stage outweighs an earlier
// one said in the same breath ("thanks for joining" on a call that goes
// on to "the contract you sent" is a closing call).
var stageOrder = []string{"closing", "follow_up", "demo", "inbound", "booked", "cold"}

// stage is what kind of call it was and how that was decided.
type stage struct {
	callType   string
	source     string
	confidence float64 // of an inferred stage; 1 from a sidecar or the document
	evidence   *Evidence
	// openingMissing says why the seller's opening is not in the
	// transcript, "" when it is.
	openingMissing string
}

// callStage decides the call's stage: the sidecar's call_type, else the
// one the document states, else the one its first turns signal (what the
// seller says about why they call, greetings of a booked meeting,
// references to an earlier conversation, a demo, the deal's paperwork).
func callStage(c *Call, turns []turn) stage {
	var st stage
	switch {
	case c.Meta.CallType == "":
		st = inferStage(c, turns)
	case c.CallTypeSource == StageFromDocument:
		st = stage{callType: c.Meta.CallType, source: StageFromDocument, confidence: 1}
	default:
		st = stage{callType: c.Meta.CallType, source: StageFromSidecar, confidence: 1}
	}
	if c.Timed && len(turns) > 0 && turns[0].Start >= midCallSeconds {
		st.openingMissing = fmt.Sprintf("the transcript starts mid-call at %s: the opening is not in it", Clock(turns[0].Start))
	}
	return st
}

// inferStage reads the stage from the first turns.
func inferStage(c *Call, turns []turn) stage {
	found := map[string]*Evidence{}
	count := map[string]int{}
	for i := range turns {
		t := &turns[i]
		if i >= stageTurns && !(c.Timed && t.Start-turns[0].Start <= stageSeconds) {
			break
		}
		for _, m := range t.hits(lexicons.CallStage) {
			if _, neg := negated(t, m); neg {
				continue
			}
			id := m.Entry.ID
			if id == "cold" && t.Role != Seller {
				continue // only the seller starts a cold call
			}
			count[id]++
			if found[id] == nil {
				ev := t.evidence(m, m.Entry.Why, c.Timed)
				found[id] = &ev
			}
		}
	}
	for _, id := range stageOrder {
		if found[id] == nil {
			continue
		}
		agree, total := 0, 0
		for other, n := range count {
			total += n
			if other == id {
				agree += n
			}
		}
		// One signal is a lean; more that agree firm it up; signals of
		// other stages lower it.
		conf := 0.6 + 0.1*float64(agree-1) - 0.1*float64(total-agree)
		conf = math.Max(0.3, math.Min(0.9, conf))
		return stage{callType: stageTypes[id], source: StageFromInferred, confidence: round2(conf), evidence: found[id]}
	}
	return stage{callType: CallUnknown, source: StageFromInferred}
}

// setBefore reports whether the call's reason was set before it began: a
// follow-up, a demo or a closing call, where the opening is not judged as
// a first contact's.
func (st stage) setBefore() bool {
	switch st.callType {
	case CallFollowUp, CallDemo, CallClosing:
		return true
	}
	return false
}

// askedFor reports whether the buyer asked for or booked the call, so the
// seller stating the agenda is reason enough.
func (st stage) askedFor() bool {
	return st.callType == CallInbound || st.callType == CallDiscovery
}
