package pages

import (
	"errors"
	"fmt"
	"html/template"
	"sort"
	"strings"

	"github.com/calltrust/calltrust/analyze"
)

// callView is what the call page template shows.
type callView struct {
	page
	ID, Source, Format, Rep, Account, Date, Length string
	IndexHref, JSONHref                            string
	Stage                                          stageView
	Skipped                                        *skippedView
	Roles                                          rolesView
	Lexicons                                       string
	Worst                                          string
	FlagCount                                      int
	Timeline                                       chart
	Legend                                         []legendItem
	Flags                                          []flagView
	Trust                                          trustView
	Metrics                                        []metricView
	Transcript                                     template.HTML
}

type rolesView struct {
	Seller, Customer, How, Confidence string
	Unsure                            bool
	Warnings                          []string
}

type legendItem struct{ Label, Class string }

type flagView struct {
	Kind, Label, Class, Meaning, Anchor string
	Flagged, NotApplicable              bool
	NotApplicableReason                 string
	Severity, Score, Summary            string
	Evidence                            []evidenceView
	Excused                             []evidenceView
}

// evidenceView is a quoted turn: flag evidence, trust evidence or an
// excused candidate (Why holds the reason).
type evidenceView struct {
	Href, Speaker, When, Quote, Matched, Why string
}

type trustView struct {
	Chart            chart
	Value            string
	C, R, I, S       string
	Terms            []termView
	HasTerm, Missing bool
}

type termView struct {
	Name, Hint, Score string
	Evidence          []evidenceView
}

type metricView struct{ Name, Value string }

type turnView struct {
	Anchor, When, Speaker, Role, RoleClass string
	Parts                                  []textPart
	Flags                                  []turnFlag
	Flagged, Monologue, Excused            bool
}

type turnFlag struct{ Label, Class, Href string }

// textPart is a stretch of a turn's text, marked when a quote covers it.
type textPart struct {
	Text string
	Mark bool
}

// kindText holds a flag kind's name and its one-sentence meaning, after
// DOMAIN.md.
var kindText = map[analyze.Kind][2]string{
	analyze.SelfOrientedPitch: {"Self-oriented pitch", "The seller makes the call about the seller: most of the talking, about themselves, their company and product, with few questions about the buyer's world."},
	analyze.NoBusinessReason:  {"No business reason", "The opening gives no valid business reason, a reason in the buyer's terms why the call is worth their time, only a check-in, a demo offer or the seller's own news."},
	analyze.Overpromise:       {"Overpromise", "The seller commits to outcomes they cannot be sure of (guarantees, absolutes, zero risk) to win the deal: the largest single destroyer of trust."},
	analyze.UnraisedObjection: {"Unraised objections", "The buyer's real objections stay hidden: stalls and concerns go unprobed and no question invites a \"no\"."},
}

// kindLabel names a flag kind for people.
func kindLabel(k analyze.Kind) string {
	if t, ok := kindText[k]; ok {
		return t[0]
	}
	return strings.ReplaceAll(string(k), "_", " ")
}

// rolesHow says in words how the roles were decided.
var rolesHow = map[string]string{
	analyze.RolesFromFlag:      "named on the command line (--seller)",
	analyze.RolesFromSidecar:   "from the call's .meta.json sidecar",
	analyze.RolesFromFile:      "stated in the transcript file",
	analyze.RolesFromInference: "inferred from the conversation",
}

// CallPage renders one call's report as a self-contained HTML page: a
// header, the timeline, the flags with their evidence, the trust terms and
// the transcript. The call may be nil, which leaves out the transcript.
func CallPage(r *analyze.Report, c *analyze.Call) ([]byte, error) {
	if r == nil {
		return nil, errors.New("call page: no report")
	}
	if c == nil {
		c = &analyze.Call{ID: r.Call.ID}
	}
	id := r.Call.ID
	if id == "" {
		id = c.ID
	}
	timed := r.Call.DurationSeconds != nil || c.Timed
	v := callView{
		page: newPage("Call "+id, false), ID: id, Source: r.Call.Source, Format: r.Call.Format,
		Rep: r.Call.Rep, Account: r.Call.Account, Date: r.Call.Date, Stage: stageOf(r.Call), Skipped: skippedNote(r.Call.Skipped),
		IndexHref: strings.Repeat("../", strings.Count(id, "/")) + "index.html",
		JSONHref:  relLink(id[strings.LastIndex(id, "/")+1:] + ".json"),
		Lexicons:  r.LexiconsVersion, FlagCount: len(r.Flags), Roles: callRoles(r.Roles),
	}
	switch {
	case r.Call.DurationSeconds != nil:
		v.Length = mmss(*r.Call.DurationSeconds)
	case c.Timed:
		v.Length = mmss(c.Duration())
	default:
		v.Length = fmt.Sprintf("untimed, %d words", r.Metrics.SellerWords+r.Metrics.CustomerWords)
	}
	for _, f := range r.Flags {
		if f.Severity.Rank() > analyze.Severity(v.Worst).Rank() {
			v.Worst = string(f.Severity)
		}
	}
	when := func(turn int, start *float64) string {
		if timed && start != nil {
			return mmss(*start)
		}
		if timed && turn >= 0 && turn < len(c.Turns) {
			return mmss(c.Turns[turn].Start)
		}
		return fmt.Sprintf("turn %d", turn+1)
	}
	ev := func(e analyze.Evidence) evidenceView {
		return evidenceView{Href: turnAnchor(e.Turn), Speaker: e.Speaker, When: when(e.Turn, e.Start), Quote: e.Quote, Matched: e.Matched, Why: e.Why}
	}
	v.Flags = callFlags(r, ev, when)
	v.Trust = callTrust(r.Trust, ev)
	v.Metrics = callMetrics(r.Metrics)
	segments := r.Timeline
	if len(segments) == 0 {
		segments = segmentsOf(c, timed)
	}
	monologue := -1
	if r.Metrics.LongestMonologueWords > 0 {
		monologue = r.Metrics.LongestMonologueTurn
	}
	v.Timeline = timelineChart(timelineInput{Segments: segments, Timed: timed, Flags: r.Flags, Monologue: monologue})
	present := map[string]bool{}
	for _, s := range segments {
		present[roleClass(s.Role)] = true
	}
	for _, l := range []legendItem{{"Seller", "seller"}, {"Customer", "customer"}, {"Role unknown", "unknown"}} {
		if present[l.Class] {
			v.Legend = append(v.Legend, legendItem{l.Label, "role-" + l.Class})
		}
	}
	if monologue >= 0 {
		v.Legend = append(v.Legend, legendItem{"Longest monologue", "monologue"})
	}
	for _, k := range analyze.Kinds {
		for _, f := range r.Flags {
			if f.Kind == k && len(f.Evidence) > 0 {
				v.Legend = append(v.Legend, legendItem{kindLabel(k), kindClass(k)})
				break
			}
		}
	}
	v.Transcript = transcriptHTML(callTranscript(r, c, when, monologue))
	return render("call.html", v, len(v.Transcript)+len(v.Timeline.Rects)*200)
}

// callRoles describes who was taken as the seller side, how and how surely.
func callRoles(ro analyze.Roles) rolesView {
	how, ok := rolesHow[ro.Source]
	if !ok {
		how = ro.Source
	}
	return rolesView{
		Seller: strings.Join(ro.Seller, ", "), Customer: strings.Join(ro.Customer, ", "),
		How: how, Confidence: percent(ro.Confidence), Unsure: ro.Confidence < 0.5, Warnings: ro.Warnings,
	}
}

// callFlags lists every kind, flagged, not flagged or not applicable, with
// the candidates excused for it.
func callFlags(r *analyze.Report, ev func(analyze.Evidence) evidenceView, when func(int, *float64) string) []flagView {
	kinds := append([]analyze.Kind(nil), analyze.Kinds...)
	listed := map[analyze.Kind]bool{}
	for _, k := range kinds {
		listed[k] = true
	}
	for _, f := range r.Flags {
		if !listed[f.Kind] {
			kinds, listed[f.Kind] = append(kinds, f.Kind), true
		}
	}
	for _, na := range r.NotApplicable {
		if !listed[na] {
			kinds, listed[na] = append(kinds, na), true
		}
	}
	var out []flagView
	for _, k := range kinds {
		fv := flagView{Kind: string(k), Label: kindLabel(k), Class: kindClass(k), Meaning: kindText[k][1], Anchor: "flag-" + string(k)}
		for _, na := range r.NotApplicable {
			fv.NotApplicable = fv.NotApplicable || na == k
		}
		if fv.NotApplicable {
			fv.NotApplicableReason = notApplicableReason(r, k)
		}
		for _, f := range r.Flags {
			if f.Kind != k || fv.Flagged {
				continue
			}
			fv.Flagged, fv.Severity, fv.Score, fv.Summary = true, string(f.Severity), fmt.Sprintf("%.2f", f.Score), f.Summary
			for _, e := range f.Evidence {
				fv.Evidence = append(fv.Evidence, ev(e))
			}
		}
		for _, x := range r.Excused {
			if x.Kind == k {
				fv.Excused = append(fv.Excused, evidenceView{Href: turnAnchor(x.Turn), Speaker: x.Speaker, When: when(x.Turn, x.Start), Quote: x.Quote, Matched: x.Matched, Why: x.Reason})
			}
		}
		out = append(out, fv)
	}
	return out
}

// callTrust shows the trust equation with the numbers and the evidence.
func callTrust(t analyze.Trust, ev func(analyze.Evidence) evidenceView) trustView {
	terms := []trustTerm{
		{Name: "Credibility", Letter: "C", Hint: "Specific, checkable statements, the customer's own situation, honest limits.", Term: t.Credibility},
		{Name: "Reliability", Letter: "R", Hint: "Concrete next steps with an owner and a date; promises kept.", Term: t.Reliability},
		{Name: "Intimacy", Letter: "I", Hint: "The customer shares problems; the seller acknowledges them in the customer's terms.", Term: t.Intimacy},
		{Name: "Self-orientation", Letter: "S", Hint: "The seller's focus on themselves and the sale; it divides everything else, so lower is better.", Term: t.SelfOrientation, Lower: true},
	}
	v := trustView{Chart: trustChart(terms), Value: score1(t.Trustworthiness),
		C: score1(t.Credibility.Score), R: score1(t.Reliability.Score), I: score1(t.Intimacy.Score), S: score1(t.SelfOrientation.Score)}
	for _, tt := range terms {
		tv := termView{Name: tt.Name, Hint: tt.Hint, Score: score1(tt.Term.Score)}
		for _, e := range tt.Term.Evidence {
			tv.Evidence = append(tv.Evidence, ev(e))
		}
		v.Terms = append(v.Terms, tv)
	}
	return v
}

// callMetrics lists the measurements behind the flags.
func callMetrics(m analyze.Metrics) []metricView {
	mono := fmt.Sprintf("%d words", m.LongestMonologueWords)
	if m.LongestMonologueSeconds != nil {
		mono = mmss(*m.LongestMonologueSeconds) + ", " + mono
	}
	if m.MonologueRequested {
		mono += " (the customer asked for it)"
	}
	q := fmt.Sprintf("%d (%d open)", m.SellerQuestions, m.OpenQuestions)
	if m.QuestionsPer10Min != nil {
		q += fmt.Sprintf(", %.1f per 10 minutes", *m.QuestionsPer10Min)
	}
	return []metricView{
		{"Seller talk share", fmt.Sprintf("%s (%d of %d words)", percent(m.TalkShare), m.SellerWords, m.SellerWords+m.CustomerWords)},
		{"Longest seller monologue", mono},
		{"Seller questions", q},
		{"Self vs customer references", fmt.Sprintf("%d vs %d", m.SelfReferences, m.CustomerReferences)},
		{"Pitch phrases", fmt.Sprint(m.PitchPhrases)},
		{"Seller's own story", fmt.Sprint(m.SellerStory)},
		{"Customer pushback", fmt.Sprint(m.CustomerPushback)},
		{"Stalls (probed)", fmt.Sprintf("%d (%d)", m.Stalls, m.StallsProbed)},
		{"Objection-surfacing questions", fmt.Sprint(m.SurfacingQuestions)},
		{"Promises flagged (excused)", fmt.Sprintf("%d (%d)", m.Overpromises, m.ExcusedPromises)},
		{"Turns, speakers", fmt.Sprintf("%d, %d", m.Turns, m.Speakers)},
	}
}

// segmentsOf derives timeline segments from the turns when a report has
// none: seconds when timed, else word offsets.
func segmentsOf(c *analyze.Call, timed bool) []analyze.Segment {
	var out []analyze.Segment
	offset := 0.0
	for i, t := range c.Turns {
		words := len(strings.Fields(t.Text))
		s := analyze.Segment{Turn: i, Speaker: t.Speaker, Role: t.Role, Start: t.Start, End: t.End, Words: words}
		if !timed {
			s.Start, s.End = offset, offset+float64(words)
		}
		offset += float64(words)
		out = append(out, s)
	}
	return out
}

// callTranscript lists the turns with anchors, marking flagged quotes.
func callTranscript(r *analyze.Report, c *analyze.Call, when func(int, *float64) string, monologue int) []turnView {
	quotes := map[int][]string{}
	flags := map[int][]turnFlag{}
	for _, f := range r.Flags {
		for _, e := range f.Evidence {
			quotes[e.Turn] = append(quotes[e.Turn], e.Quote)
			tf := turnFlag{Label: kindLabel(f.Kind), Class: kindClass(f.Kind), Href: "#flag-" + string(f.Kind)}
			if l := flags[e.Turn]; len(l) == 0 || l[len(l)-1] != tf {
				flags[e.Turn] = append(l, tf)
			}
		}
	}
	excused := map[int]bool{}
	for _, x := range r.Excused {
		excused[x.Turn] = true
	}
	out := make([]turnView, 0, len(c.Turns))
	for i, t := range c.Turns {
		start := t.Start
		out = append(out, turnView{
			Anchor: turnAnchor(i)[1:], When: when(i, &start), Speaker: t.Speaker, Role: roleName(t.Role), RoleClass: roleClass(t.Role),
			Parts: markQuotes(t.Text, quotes[i]), Flags: flags[i], Flagged: len(flags[i]) > 0, Monologue: i == monologue, Excused: excused[i],
		})
	}
	return out
}

// markQuotes splits text into parts, marking every quote found in it.
func markQuotes(text string, quotes []string) []textPart {
	type span struct{ from, to int }
	var spans []span
	for _, q := range quotes {
		q = strings.TrimSpace(q)
		if q == "" {
			continue
		}
		if i := strings.Index(text, q); i >= 0 {
			spans = append(spans, span{i, i + len(q)})
		}
	}
	sort.Slice(spans, func(a, b int) bool {
		if spans[a].from != spans[b].from {
			return spans[a].from < spans[b].from
		}
		return spans[a].to > spans[b].to
	})
	var out []textPart
	at := 0
	for _, s := range spans {
		if s.to <= at {
			continue
		}
		if s.from < at {
			s.from = at
		}
		if s.from > at {
			out = append(out, textPart{Text: text[at:s.from]})
		}
		out = append(out, textPart{Text: text[s.from:s.to], Mark: true})
		at = s.to
	}
	if at < len(text) || len(out) == 0 {
		out = append(out, textPart{Text: text[at:]})
	}
	return out
}
