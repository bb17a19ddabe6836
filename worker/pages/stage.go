package pages

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/calltrust/calltrust/analyze"
)

// The pages say what kind of call it was and how that was decided, why a
// flag cannot apply, and which document lines were not read as speech, so
// that a manager can check the report's footing before its flags.

// callTypeOrder lists the call types from the first contact to the close,
// then the practice pitch and the undecided; the batch page sorts and
// lists them in this order.
var callTypeOrder = []string{
	analyze.CallCold, analyze.CallInbound, analyze.CallDiscovery, analyze.CallDemo,
	analyze.CallFollowUp, analyze.CallClosing, analyze.CallPractice, analyze.CallUnknown,
}

// callTypeLabels names the call types for people.
var callTypeLabels = map[string]string{
	analyze.CallCold: "Cold", analyze.CallInbound: "Inbound", analyze.CallDiscovery: "Discovery",
	analyze.CallDemo: "Demo", analyze.CallFollowUp: "Follow-up", analyze.CallClosing: "Closing",
	analyze.CallPractice: "Practice", analyze.CallUnknown: "Unknown stage",
}

// notGiven names the call type of a report that carries none (reports
// written before every call had one).
const notGiven = "Not given"

// maxStageQuote caps the quote shown beside an inferred call type, in runes.
const maxStageQuote = 160

// callTypeLabel names a call type: "Follow-up", "Unknown stage", a type
// this version does not know with its underscores as spaces, or "Not
// given".
func callTypeLabel(t string) string {
	if l, ok := callTypeLabels[t]; ok {
		return l
	}
	t = strings.TrimSpace(strings.ReplaceAll(t, "_", " "))
	if t == "" {
		return notGiven
	}
	return strings.ToUpper(t[:1]) + t[1:]
}

// callTypeRank is a call type's place in callTypeOrder; types this
// version does not know come after it, and a missing one last.
func callTypeRank(t string) int {
	for i, o := range callTypeOrder {
		if o == t {
			return i
		}
	}
	if t == "" {
		return len(callTypeOrder) + 1
	}
	return len(callTypeOrder)
}

// stageView is a call's type in words and where it came from.
type stageView struct {
	Label string // "Follow-up"
	How   string // "inferred, 0.70: “Good to see you again.”"; "" when the report does not say
	// Unsure marks a type nothing decided or that was inferred with
	// little confidence.
	Unsure bool
}

// String is the call type as one phrase: "Demo (from the sidecar)".
func (s stageView) String() string {
	if s.How == "" {
		return s.Label
	}
	return s.Label + " (" + s.How + ")"
}

// stageOf describes a report's call type and its source: "from the
// sidecar", "from the document", "inferred, 0.70: “quote”", or "nothing
// in the first turns says" for an inferred unknown.
func stageOf(ci analyze.CallInfo) stageView {
	v := stageView{Label: callTypeLabel(ci.CallType)}
	if ci.CallType == "" {
		return v
	}
	switch ci.CallTypeSource {
	case analyze.StageFromSidecar:
		v.How = "from the sidecar"
	case analyze.StageFromDocument:
		v.How = "from the document"
	case analyze.StageFromInferred:
		if ci.CallType == analyze.CallUnknown {
			v.How, v.Unsure = "nothing in the first turns says", true
			break
		}
		v.How = "inferred"
		if ci.CallTypeConfidence != nil {
			v.How += ", " + strconv.FormatFloat(*ci.CallTypeConfidence, 'f', 2, 64)
			v.Unsure = *ci.CallTypeConfidence < 0.5
		}
		if q := strings.TrimSpace(ci.CallTypeQuote); q != "" {
			v.How += ": “" + Clip(q, maxStageQuote) + "”"
		}
	default:
		v.How = ci.CallTypeSource
	}
	return v
}

// noCallType is the filter value of reported calls whose report gives no
// call type.
const noCallType = "none"

// callTypeKey is a row's call type as the filter matches it.
func callTypeKey(t string) string {
	if t == "" {
		return noCallType
	}
	return t
}

// callTypeOptions lists the call types the reported rows carry, in
// callTypeOrder, for the batch page's filter.
func callTypeOptions(rows []rowView) []legendItem {
	seen := map[string]bool{}
	var keys []string
	for _, r := range rows {
		if r.Failed || seen[r.CallTypeKey] {
			continue
		}
		seen[r.CallTypeKey] = true
		keys = append(keys, r.CallTypeKey)
	}
	rank := func(k string) int {
		if k == noCallType {
			return callTypeRank("")
		}
		return callTypeRank(k)
	}
	sort.Slice(keys, func(a, b int) bool {
		if ra, rb := rank(keys[a]), rank(keys[b]); ra != rb {
			return ra < rb
		}
		return keys[a] < keys[b]
	})
	out := make([]legendItem, 0, len(keys))
	for _, k := range keys {
		label := callTypeLabel(k)
		if k == noCallType {
			label = notGiven
		}
		out = append(out, legendItem{Label: label, Class: k})
	}
	return out
}

// notApplicableReason is why kind k cannot apply to the report's call, ""
// when the report does not say.
func notApplicableReason(r *analyze.Report, k analyze.Kind) string {
	for _, na := range r.NotApplicableReasons {
		if na.Kind == k && strings.TrimSpace(na.Reason) != "" {
			return na.Reason
		}
	}
	return ""
}

// skippedView is the note on the document lines not read as speech.
type skippedView struct {
	Note  string // "12 lines before the conversation and 9 after it were not read as speech"
	Lines string // "lines 1-12, 88-96"
}

// maxSkippedRanges caps the line ranges the note lists; the rest are
// counted.
const maxSkippedRanges = 12

// skippedNote describes the skipped lines of a report, nil when none were.
func skippedNote(s *analyze.Skipped) *skippedView {
	if s == nil || (s.Lines == 0 && len(s.Ranges) == 0) {
		return nil
	}
	v := &skippedView{Note: strings.TrimRight(strings.TrimSpace(s.Note), ".")}
	if v.Note == "" {
		v.Note = fmt.Sprintf("%d lines of the document were not read as speech", s.Lines)
		if s.Lines == 1 {
			v.Note = "1 line of the document was not read as speech"
		}
	}
	v.Lines = lineRanges(s.Ranges)
	return v
}

// lineRanges writes 1-based line ranges for people: "lines 1-12, 40,
// 88-96", "line 7", at most maxSkippedRanges of them and a count of the
// rest.
func lineRanges(ranges [][2]int) string {
	if len(ranges) == 0 {
		return ""
	}
	var parts []string
	for i, r := range ranges {
		if i == maxSkippedRanges {
			parts = append(parts, fmt.Sprintf("and %d more ranges", len(ranges)-i))
			break
		}
		if r[1] <= r[0] {
			parts = append(parts, strconv.Itoa(r[0]))
		} else {
			parts = append(parts, strconv.Itoa(r[0])+"-"+strconv.Itoa(r[1]))
		}
	}
	if len(ranges) == 1 && ranges[0][1] <= ranges[0][0] {
		return "line " + parts[0]
	}
	return "lines " + strings.Join(parts, ", ")
}
