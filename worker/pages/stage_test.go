package pages

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/calltrust/calltrust/analyze"
)

var (
	tagRE   = regexp.MustCompile(`<[^>]*>`)
	spaceRE = regexp.MustCompile(`\s+`)
)

// elementText is the text a reader sees in the element of page whose id
// is id (tags dropped, entities decoded, spaces collapsed); found is
// false when the page has no such element.
func elementText(page []byte, id string) (text string, found bool) {
	s := string(page)
	at := strings.Index(s, ` id="`+id+`"`)
	if at < 0 {
		return "", false
	}
	open := strings.LastIndex(s[:at], "<")
	name := s[open+1 : at]
	if i := strings.IndexAny(name, " \t\n"); i >= 0 {
		name = name[:i]
	}
	end := strings.Index(s[open:], "</"+name+">")
	if end < 0 {
		return "", false
	}
	text = tagRE.ReplaceAllString(s[open:open+end], " ")
	return strings.TrimSpace(spaceRE.ReplaceAllString(html.UnescapeString(text), " ")), true
}

// stagePage renders the call page of a report with no transcript.
func stagePage(t *testing.T, r *analyze.Report) []byte {
	t.Helper()
	if r.Call.ID == "" {
		r.Call.ID = "east/call.vtt"
	}
	page, err := CallPage(r, nil)
	if err != nil {
		t.Fatalf("CallPage: %v", err)
	}
	return page
}

func TestCallTypeText(t *testing.T) {
	long := strings.Repeat("Good to see you again, ", 20)
	tests := []struct {
		name   string
		call   analyze.CallInfo
		want   string
		unsure bool
	}{
		{"sidecar", analyze.CallInfo{CallType: analyze.CallDemo, CallTypeSource: analyze.StageFromSidecar}, "Demo (from the sidecar)", false},
		{"document", analyze.CallInfo{CallType: analyze.CallClosing, CallTypeSource: analyze.StageFromDocument}, "Closing (from the document)", false},
		{"inferred with its quote", analyze.CallInfo{CallType: analyze.CallFollowUp, CallTypeSource: analyze.StageFromInferred, CallTypeConfidence: ptr(0.7), CallTypeQuote: "Good to see you again."},
			"Follow-up (inferred, 0.70: “Good to see you again.”)", false},
		{"inferred without a quote", analyze.CallInfo{CallType: analyze.CallCold, CallTypeSource: analyze.StageFromInferred, CallTypeConfidence: ptr(0.6)}, "Cold (inferred, 0.60)", false},
		{"inferred with little confidence", analyze.CallInfo{CallType: analyze.CallInbound, CallTypeSource: analyze.StageFromInferred, CallTypeConfidence: ptr(0.3), CallTypeQuote: "You asked us to call."},
			"Inbound (inferred, 0.30: “You asked us to call.”)", true},
		{"inferred unknown", analyze.CallInfo{CallType: analyze.CallUnknown, CallTypeSource: analyze.StageFromInferred, CallTypeConfidence: ptr(0)},
			"Unknown stage (nothing in the first turns says)", true},
		{"practice from the sidecar", analyze.CallInfo{CallType: analyze.CallPractice, CallTypeSource: analyze.StageFromSidecar}, "Practice (from the sidecar)", false},
		{"discovery, source not recorded", analyze.CallInfo{CallType: analyze.CallDiscovery}, "Discovery", false},
		{"not given", analyze.CallInfo{}, "Not given", false},
		{"a type this version does not know", analyze.CallInfo{CallType: "renewal_review", CallTypeSource: analyze.StageFromSidecar}, "Renewal review (from the sidecar)", false},
		{"a long quote is cut", analyze.CallInfo{CallType: analyze.CallFollowUp, CallTypeSource: analyze.StageFromInferred, CallTypeConfidence: ptr(0.8), CallTypeQuote: long},
			"Follow-up (inferred, 0.80: “" + Clip(long, maxStageQuote) + "”)", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := stageOf(tc.call)
			if got := v.String(); got != tc.want {
				t.Errorf("call type = %q, want %q", got, tc.want)
			}
			if v.Unsure != tc.unsure {
				t.Errorf("unsure = %v, want %v", v.Unsure, tc.unsure)
			}
			page := stagePage(t, &analyze.Report{Call: tc.call})
			if got, ok := elementText(page, "stage"); !ok || got != "Call type "+tc.want {
				t.Errorf("page header says %q, want %q", got, "Call type "+tc.want)
			}
			if got, ok := elementText(page, "about"); !ok || !strings.Contains(got, "Call type "+tc.want) {
				t.Errorf("about section says %q, want it to hold %q", got, "Call type "+tc.want)
			}
			if marked := strings.Contains(string(page), `class="stage-how unsure"`); marked != tc.unsure {
				t.Errorf("header marks the call type unsure: %v, want %v", marked, tc.unsure)
			}
		})
	}
	if got := strings.Count(long, ""); got <= maxStageQuote {
		t.Fatalf("the long quote has %d runes: it does not test the cut", got)
	}
}

func TestCallPageNotApplicableReasons(t *testing.T) {
	practice := analyze.NotApplicable{Kind: analyze.UnraisedObjection, Reason: "a practice pitch has no buyer to object"}
	followUp := analyze.NotApplicable{Kind: analyze.NoBusinessReason, Reason: `a follow-up call (inferred): its reason was set before the call: "Good to see you again."`}
	midCall := analyze.NotApplicable{Kind: analyze.NoBusinessReason, Reason: "the transcript starts mid-call at 0:44: the opening is not in it"}
	other := analyze.NotApplicable{Kind: "talk_over", Reason: "no timestamps to tell overlaps"}
	tests := []struct {
		name    string
		na      []analyze.NotApplicable
		reasons bool // whether the report lists the reasons (older reports do not)
		want    map[analyze.Kind]string
	}{
		{"one with its reason", []analyze.NotApplicable{followUp}, true, map[analyze.Kind]string{analyze.NoBusinessReason: followUp.Reason}},
		{"mid-call opening", []analyze.NotApplicable{midCall}, true, map[analyze.Kind]string{analyze.NoBusinessReason: midCall.Reason}},
		{"two, each with its own", []analyze.NotApplicable{followUp, practice}, true,
			map[analyze.Kind]string{analyze.NoBusinessReason: followUp.Reason, analyze.UnraisedObjection: practice.Reason}},
		{"a kind this version does not know", []analyze.NotApplicable{other}, true, map[analyze.Kind]string{"talk_over": other.Reason}},
		{"no reasons listed", []analyze.NotApplicable{practice}, false, map[analyze.Kind]string{analyze.UnraisedObjection: ""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &analyze.Report{Flags: []analyze.Flag{{Kind: analyze.Overpromise, Severity: analyze.Low, Score: 0.3}}}
			for _, na := range tc.na {
				r.NotApplicable = append(r.NotApplicable, na.Kind)
				if tc.reasons {
					r.NotApplicableReasons = append(r.NotApplicableReasons, na)
				}
			}
			page := stagePage(t, r)
			for _, k := range append(append([]analyze.Kind(nil), analyze.Kinds...), "talk_over") {
				text, ok := elementText(page, "flag-"+string(k))
				reason, na := tc.want[k]
				switch {
				case !ok && (na || k != "talk_over"):
					t.Errorf("%s: no flag section", k)
				case !na && strings.Contains(text, "Not applicable"):
					t.Errorf("%s: applicable, shown as not applicable: %q", k, text)
				case !na && strings.Contains(text, "Why it does not apply"):
					t.Errorf("%s: applicable, shown with a reason: %q", k, text)
				case na && !strings.Contains(text, "Not applicable to this call"):
					t.Errorf("%s: not shown as not applicable: %q", k, text)
				case na && reason != "" && !strings.Contains(text, "Why it does not apply: "+reason):
					t.Errorf("%s: reason not shown: %q, want %q", k, text, reason)
				case na && reason == "" && strings.Contains(text, "Why it does not apply"):
					t.Errorf("%s: shows a reason the report does not give: %q", k, text)
				}
			}
		})
	}
}

func TestCallPageSkippedNote(t *testing.T) {
	many := make([][2]int, maxSkippedRanges+2)
	for i := range many {
		many[i] = [2]int{10 * i, 10*i + 1}
	}
	tests := []struct {
		name    string
		skipped *analyze.Skipped
		want    string // "" when the page has no note
	}{
		{"none", nil, ""},
		{"nothing counted", &analyze.Skipped{}, ""},
		{"before and after", &analyze.Skipped{Lines: 21, Ranges: [][2]int{{1, 12}, {88, 96}}, Note: "12 lines before the conversation and 9 after it were not read as speech"},
			"Not read as speech 12 lines before the conversation and 9 after it were not read as speech (lines 1-12, 88-96)."},
		{"the note's own full stop", &analyze.Skipped{Lines: 3, Ranges: [][2]int{{1, 3}}, Note: "3 lines before the conversation were not read as speech."},
			"Not read as speech 3 lines before the conversation were not read as speech (lines 1-3)."},
		{"one line", &analyze.Skipped{Lines: 1, Ranges: [][2]int{{40, 40}}, Note: "1 line inside the conversation was not read as speech"},
			"Not read as speech 1 line inside the conversation was not read as speech (line 40)."},
		{"single lines among ranges", &analyze.Skipped{Lines: 4, Ranges: [][2]int{{1, 2}, {7, 7}, {30, 30}}},
			"Not read as speech 4 lines of the document were not read as speech (lines 1-2, 7, 30)."},
		{"many ranges", &analyze.Skipped{Lines: 2 * len(many), Ranges: many, Note: "28 lines of notes were not read as speech"},
			"Not read as speech 28 lines of notes were not read as speech (lines 0-1, 10-11, 20-21, 30-31, 40-41, 50-51, 60-61, 70-71, 80-81, 90-91, 100-101, 110-111, and 2 more ranges)."},
		{"no ranges", &analyze.Skipped{Lines: 5}, "Not read as speech 5 lines of the document were not read as speech."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page := stagePage(t, &analyze.Report{Call: analyze.CallInfo{Skipped: tc.skipped}})
			got, ok := elementText(page, "skipped")
			if tc.want == "" {
				if ok {
					t.Errorf("page has a skipped-lines note: %q", got)
				}
				return
			}
			if got != tc.want {
				t.Errorf("note = %q\nwant   %q", got, tc.want)
			}
		})
	}
}

// TestCallPageShowsInjectedMarkupAsText puts markup where a transcript's
// words reach the new parts of the call page: the quote that decided the
// call type, a not-applicable reason and the skipped-lines note.
func TestCallPageShowsInjectedMarkupAsText(t *testing.T) {
	script := func(n int) string { return fmt.Sprintf(`</p><script>window.__pwned=%d</script>`, n) }
	r := &analyze.Report{
		Call: analyze.CallInfo{CallType: analyze.CallFollowUp, CallTypeSource: analyze.StageFromInferred, CallTypeConfidence: ptr(0.7),
			CallTypeQuote: `Good to see you again "><img src=x onerror=alert(1)>` + script(1),
			Skipped:       &analyze.Skipped{Lines: 2, Ranges: [][2]int{{1, 2}}, Note: "2 lines " + script(3)}},
		NotApplicable:        []analyze.Kind{analyze.NoBusinessReason},
		NotApplicableReasons: []analyze.NotApplicable{{Kind: analyze.NoBusinessReason, Reason: "a follow-up call: " + script(2)}},
	}
	page := stagePage(t, r)
	if n := strings.Count(string(page), "<script"); n != 0 {
		t.Errorf("call page has %d <script> elements, want none", n)
	}
	if strings.Contains(string(page), "<img") {
		t.Error("call page holds an <img> element from the quote")
	}
	tests := []struct{ name, id, want string }{
		{"call type quote", "stage", script(1)},
		{"call type quote attribute breaker", "stage", `"><img src=x onerror=alert(1)>`},
		{"not-applicable reason", "flag-no_business_reason", "Why it does not apply: a follow-up call: " + script(2)},
		{"skipped note", "skipped", script(3)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, _ := elementText(page, tc.id); !strings.Contains(got, tc.want) {
				t.Errorf("#%s reads %q, want it to show %q as text", tc.id, got, tc.want)
			}
		})
	}
}
