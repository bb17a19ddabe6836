package pages

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"text/template"

	"github.com/calltrust/calltrust/analyze"
)

// The sample batch: five reported calls by three reps (timed and untimed,
// every flag, excused candidates, a practice pitch, a clean call, a call
// full of markup) and one failure.

const hostileID = `west/q3 "final" <b>#1.txt`

// dialog reads a scripted call from testdata/pages: "role|speaker|text"
// per turn. Timed calls get times from the word counts.
func dialog(t testing.TB, id, file string, timed bool, meta analyze.Meta) *analyze.Call {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "pages", file))
	if err != nil {
		t.Fatal(err)
	}
	c := &analyze.Call{ID: id, Source: "calls/2026-11-21/" + id, Format: "vtt", Meta: meta, Timed: timed}
	if !timed {
		c.Format = "text"
	}
	at := 0.0
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.SplitN(line, "|", 3)
		if len(f) != 3 {
			t.Fatalf("%s: bad line %q", file, line)
		}
		turn := analyze.Turn{Speaker: f[1], Role: analyze.Role(f[0]), Text: f[2]}
		if timed {
			turn.Start, turn.End = at, at+0.9+0.36*float64(len(strings.Fields(f[2])))
			at = turn.End + 0.7
		}
		c.Turns = append(c.Turns, turn)
	}
	return c
}

// newReport fills what every report has: call info, roles, metrics,
// timeline and the trust terms (credibility, reliability, intimacy,
// self-orientation).
func newReport(c *analyze.Call, roles analyze.Roles, trust [4]float64) *analyze.Report {
	r := &analyze.Report{SchemaVersion: analyze.SchemaVersion, LexiconsVersion: "7f3a9c21e0b4", Roles: roles,
		Call: analyze.CallInfo{ID: c.ID, Source: c.Source, Format: c.Format, Rep: c.Meta.Rep, Account: c.Meta.Account, Date: c.Meta.Date, CallType: c.Meta.CallType}}
	if c.Timed {
		d := c.Duration()
		r.Call.DurationSeconds = &d
	}
	m := &r.Metrics
	offset, speakers := 0.0, map[string]bool{}
	for i, t := range c.Turns {
		words := len(strings.Fields(t.Text))
		speakers[t.Speaker] = true
		s := analyze.Segment{Turn: i, Speaker: t.Speaker, Role: t.Role, Start: t.Start, End: t.End, Words: words}
		if !c.Timed {
			s.Start, s.End = offset, offset+float64(words)
		}
		offset += float64(words)
		r.Timeline = append(r.Timeline, s)
		if t.Role != analyze.Seller {
			m.CustomerWords += words
			continue
		}
		m.SellerWords += words
		m.SellerQuestions += strings.Count(t.Text, "?")
		if words > m.LongestMonologueWords {
			m.LongestMonologueWords, m.LongestMonologueTurn = words, i
			if c.Timed {
				sec := t.End - t.Start
				m.LongestMonologueSeconds = &sec
			}
		}
	}
	m.Turns, m.Speakers = len(c.Turns), len(speakers)
	m.TalkShare = float64(m.SellerWords) / float64(max(m.SellerWords+m.CustomerWords, 1))
	r.Trust = analyze.Trust{Credibility: analyze.Term{Score: trust[0]}, Reliability: analyze.Term{Score: trust[1]},
		Intimacy: analyze.Term{Score: trust[2]}, SelfOrientation: analyze.Term{Score: trust[3]},
		Trustworthiness: (trust[0] + trust[1] + trust[2]) / trust[3]}
	return r
}

// evidence quotes the first turn holding quote.
func evidence(t testing.TB, c *analyze.Call, quote, matched, why string) analyze.Evidence {
	t.Helper()
	for i, turn := range c.Turns {
		if strings.Contains(turn.Text, quote) {
			e := analyze.Evidence{Turn: i, Speaker: turn.Speaker, Quote: quote, Matched: matched, Why: why}
			if c.Timed {
				start := turn.Start
				e.Start = &start
			}
			return e
		}
	}
	t.Fatalf("%s: no turn holds %q", c.ID, quote)
	return analyze.Evidence{}
}

// excuse is an excused candidate quoting the first turn holding quote.
func excuse(t testing.TB, c *analyze.Call, kind analyze.Kind, quote, matched, reason string) analyze.Excuse {
	e := evidence(t, c, quote, matched, "")
	return analyze.Excuse{Kind: kind, Turn: e.Turn, Speaker: e.Speaker, Start: e.Start, Quote: quote, Matched: matched, Reason: reason}
}

// pageCase is one call of the sample batch.
type pageCase struct {
	call   *analyze.Call
	report *analyze.Report
}

// sampleBatch builds the sample calls, their reports and the summary.
func sampleBatch(t testing.TB) ([]pageCase, *Summary) {
	meta := func(rep, account, date, typ string) analyze.Meta {
		return analyze.Meta{Rep: rep, Account: account, Date: date, CallType: typ}
	}
	inferred := func(seller, customer string, conf float64, warnings ...string) analyze.Roles {
		return analyze.Roles{Seller: []string{seller}, Customer: []string{customer}, Source: analyze.RolesFromInference, Confidence: conf, Warnings: warnings}
	}

	acme := dialog(t, "east/acme.vtt", "acme.txt", true, meta("Dana Reyes", "Acme Corp", "2026-11-21", analyze.CallDiscovery))
	ra := newReport(acme, inferred("Dana Reyes", "Priya Shah (Acme)", 0.42, `speaker "Priya Shah (Acme)" had no label for the first 40 seconds`), [4]float64{4, 5, 3, 8})
	ra.Flags = []analyze.Flag{
		{Kind: analyze.Overpromise, Severity: analyze.High, Score: 0.91, Summary: "Two unconditional promises about the rollout date and zero risk.", Evidence: []analyze.Evidence{
			evidence(t, acme, "We guarantee you will be live before the March rollout, no problem at all.", "guarantee; no problem at all", "an outcome the seller cannot control, with no conditions stated"),
			evidence(t, acme, "there is zero risk of losing orders during the switch. It never fails.", "zero risk; never fails", "absolute claim about the buyer's future"),
		}},
		{Kind: analyze.SelfOrientedPitch, Severity: analyze.Medium, Score: 0.64, Summary: "Seller talk share 81% with a 2-minute monologue about the company.", Evidence: []analyze.Evidence{
			evidence(t, acme, "Our platform connects to every major ERP", "our platform; award-winning; industry-leading", "a monologue about the seller's company that the customer did not ask for"),
			evidence(t, acme, "it is the best-in-class option for operations teams", "best-in-class; a quick demo", "pitch language in the opening"),
		}},
		{Kind: analyze.UnraisedObjection, Severity: analyze.Medium, Score: 0.58, Summary: "A stall was met with a booking, not a question.", Evidence: []analyze.Evidence{
			evidence(t, acme, "Let me discuss this with my team and get back to you.", "discuss this with my team", "the seller's next turn books a meeting without asking who decides or what is behind it"),
		}},
	}
	ra.Excused = []analyze.Excuse{
		excuse(t, acme, analyze.Overpromise, "I can't guarantee specific numbers on staffing", "guarantee", "negation: an honest limit counts toward credibility"),
		excuse(t, acme, analyze.Overpromise, "The SLA guarantees 99.9% uptime with service credits", "guarantees; 99.9%", "contractual term with its conditions stated"),
	}
	ra.Call.CallTypeSource = analyze.StageFromSidecar
	ra.Metrics.SelfReferences, ra.Metrics.CustomerReferences, ra.Metrics.PitchPhrases, ra.Metrics.SellerStory = 31, 9, 6, 2
	ra.Metrics.Stalls, ra.Metrics.Overpromises, ra.Metrics.ExcusedPromises = 1, 2, 2
	q := float64(ra.Metrics.SellerQuestions) / (*ra.Call.DurationSeconds / 600)
	ra.Metrics.QuestionsPer10Min = &q
	ra.Trust.Credibility.Evidence = []analyze.Evidence{evidence(t, acme, "I can't guarantee specific numbers on staffing", "can't guarantee", "an honest limit")}
	ra.Trust.SelfOrientation.Evidence = []analyze.Evidence{evidence(t, acme, "I personally closed our biggest deal last quarter", "I personally; our", "the seller's own story")}

	globex := dialog(t, "east/globex.srt", "globex.txt", true, meta("Dana Reyes", "Globex", "2026-11-21", analyze.CallCold))
	rg := newReport(globex, analyze.Roles{Seller: []string{"Dana Reyes"}, Customer: []string{"Marcus Webb"}, Source: analyze.RolesFromSidecar, Confidence: 1}, [4]float64{6, 4, 5, 5})
	rg.Flags = []analyze.Flag{
		{Kind: analyze.UnraisedObjection, Severity: analyze.High, Score: 0.86, Summary: "A stall and an in-house alternative went unexplored.", Evidence: []analyze.Evidence{
			evidence(t, globex, "Honestly this isn't a priority right now.", "isn't a priority; I'll think about it", "stall not probed in the seller's next turns"),
			evidence(t, globex, "We are also looking at building something in-house.", "in-house", "alternative mentioned and not explored"),
		}},
		{Kind: analyze.NoBusinessReason, Severity: analyze.Low, Score: 0.35, Summary: "The opening is a drop-by, not a reason in the buyer's terms.", Evidence: []analyze.Evidence{
			evidence(t, globex, "I'm in your neighbourhood on Tuesday and just wanted to touch base.", "in your neighbourhood; touch base", "anti-pattern opening on a cold call"),
		}},
	}
	rg.Call.CallTypeSource, rg.Call.CallTypeConfidence = analyze.StageFromInferred, ptr(0.6)
	rg.Call.CallTypeQuote = "I'm in your neighbourhood on Tuesday and just wanted to touch base."
	rg.Trust.Intimacy.Evidence = []analyze.Evidence{evidence(t, globex, "Mostly spreadsheets and a lot of late nights", "", "the customer shares a problem")}

	hostile := dialog(t, hostileID, "hostile.txt", false, meta(`Sam "The Closer" <script>window.__pwned=1</script>`, `"><img src=x onerror="window.__pwned=5">`, "2026-11-20", ""))
	rh := newReport(hostile, analyze.Roles{Seller: []string{hostile.Turns[0].Speaker}, Customer: []string{hostile.Turns[1].Speaker}, Source: analyze.RolesFromFile, Confidence: 0.9,
		Warnings: []string{`speaker name "<script>window.__pwned=6</script>" looks like markup`}}, [4]float64{5, 5, 6, 6})
	rh.LexiconsVersion = "b81e0d44a1c9"
	rh.Flags = []analyze.Flag{{Kind: analyze.Overpromise, Severity: analyze.Medium, Score: 0.7, Summary: `Absolute promise <i>"100%"</i>.`, Evidence: []analyze.Evidence{
		evidence(t, hostile, "We can eliminate that completely, 100% guaranteed, whatever you need.", `eliminate completely; 100% guaranteed; <img src=x onerror="window.__pwned=7">`, "no conditions stated"),
	}}}
	rh.Call.CallType, rh.Call.CallTypeSource, rh.Call.CallTypeConfidence = analyze.CallFollowUp, analyze.StageFromInferred, ptr(0.45)
	rh.Call.CallTypeQuote = "I read your post about <script>window.__pwned=2</script> showing up on your status page"
	rh.NotApplicable = []analyze.Kind{analyze.NoBusinessReason}
	rh.NotApplicableReasons = []analyze.NotApplicable{{Kind: analyze.NoBusinessReason,
		Reason: `a follow-up call (inferred): its reason was set before the call: "</p><script>window.__pwned=10</script>"`}}
	rh.Trust.Intimacy.Evidence = []analyze.Evidence{evidence(t, hostile, `"><img src=x onerror="window.__pwned=4"> shows up`, "", `the customer shares a problem </p><script>window.__pwned=8</script>`)}

	practice := dialog(t, "practice/lee/pitch.txt", "practice.txt", false, meta("Lee Park", "", "2026-11-19", analyze.CallPractice))
	rp := newReport(practice, analyze.Roles{Seller: []string{"Lee Park"}, Source: analyze.RolesFromFlag, Confidence: 1}, [4]float64{3, 2, 1, 9})
	rp.Timeline = nil // drawn from the turns
	rp.Call.CallTypeSource = analyze.StageFromSidecar
	rp.NotApplicable = []analyze.Kind{analyze.UnraisedObjection}
	rp.NotApplicableReasons = []analyze.NotApplicable{{Kind: analyze.UnraisedObjection, Reason: "a practice pitch has no buyer to object"}}
	rp.Flags = []analyze.Flag{{Kind: analyze.SelfOrientedPitch, Severity: analyze.High, Score: 0.95, Summary: "All seller talk about the seller, no questions.", Evidence: []analyze.Evidence{
		evidence(t, practice, "We are the industry-leading solution", "industry-leading; our team; our product", "self-reference with no customer reference"),
		evidence(t, practice, "I personally have been the top seller two years in a row.", "I personally", "the seller's own story"),
	}}}

	initech := dialog(t, "central/initech.vtt", "initech.txt", true, meta("Ana Ortiz", "Initech", "2026-11-21", analyze.CallFollowUp))
	ri := newReport(initech, analyze.Roles{Seller: []string{"Ana Ortiz"}, Customer: []string{"Joanna Liu"}, Source: analyze.RolesFromSidecar, Confidence: 1}, [4]float64{8, 8, 7, 3})
	ri.Call.CallTypeSource = analyze.StageFromDocument
	ri.Call.Skipped = &analyze.Skipped{Lines: 21, Ranges: [][2]int{{1, 12}, {88, 96}}, Note: "12 lines before the conversation and 9 after it were not read as speech"}
	ri.Trust.Reliability.Evidence = []analyze.Evidence{evidence(t, initech, "I'll send a one-page plan with training costs to you and Raj by Friday", "by Friday", "a next step with owner and date")}

	cases := []pageCase{{acme, ra}, {globex, rg}, {practice, rp}, {hostile, rh}, {initech, ri}} // worst first
	s := &Summary{Batch: "nightly-2026-11-21", Source: "s3://calls-acme/calls/2026-11-21/", Calls: 7, Reported: len(cases), Failed: 2, Skipped: 1,
		LexiconsVersions: []string{"7f3a9c21e0b4", "b81e0d44a1c9"},
		Warnings:         []string{"2 lexicon sets in this batch (7f3a9c21e0b4, b81e0d44a1c9): scores are not comparable across them."},
		Failures: []Failure{
			{Call: "central/hooli.vtt", Key: "calls/2026-11-21/central/hooli.vtt", Reason: `parse central/hooli.vtt: webvtt: line 7: timestamp "00:01:xx" is not hh:mm:ss.mmm`},
			{Call: "west/<svg onload=window.__pwned=9>.vtt", Key: "calls/2026-11-21/west/<svg onload=window.__pwned=9>.vtt", Reason: "get: object over the size cap (212 MB > 50 MB)"},
		}}
	for _, pc := range cases {
		s.Rows = append(s.Rows, rowOf(pc.report))
		if len(pc.report.Flags) > 0 {
			s.Flagged++
		}
	}
	for _, f := range s.Failures {
		rep := "Ana Ortiz"
		if strings.HasPrefix(f.Call, "west/") {
			rep = ""
		}
		s.Rows = append(s.Rows, Row{Call: f.Call, Rep: rep, Status: "failed", Reason: f.Reason})
	}
	return cases, s
}

// rowOf is a reported call's row, its strongest quote first.
func rowOf(r *analyze.Report) Row {
	row := Row{Call: r.Call.ID, Rep: r.Call.Rep, Account: r.Call.Account, Date: r.Call.Date, CallType: r.Call.CallType, DurationSeconds: r.Call.DurationSeconds,
		Trustworthiness: r.Trust.Trustworthiness, Status: "reported", ReportJSON: r.Call.ID + ".json", ReportHTML: r.Call.ID + ".html"}
	for _, f := range r.Flags {
		row.Flags = append(row.Flags, RowFlag{Kind: f.Kind, Severity: f.Severity})
		if f.Severity.Rank() > row.WorstSeverity.Rank() {
			row.WorstSeverity = f.Severity
			row.TopQuote = f.Evidence[0].Quote
		}
	}
	return row
}

func ptr(v float64) *float64 { return &v }

// renderAll renders every call page and the index.
func renderAll(t testing.TB) (map[string][]byte, []byte, []pageCase, *Summary) {
	t.Helper()
	cases, s := sampleBatch(t)
	calls := map[string][]byte{}
	for _, pc := range cases {
		b, err := CallPage(pc.report, pc.call)
		if err != nil {
			t.Fatalf("CallPage(%s): %v", pc.call.ID, err)
		}
		calls[pc.call.ID] = b
	}
	index, err := IndexPage(s)
	if err != nil {
		t.Fatalf("IndexPage: %v", err)
	}
	return calls, index, cases, s
}

func TestPagesEscapeHostileText(t *testing.T) {
	calls, index, _, _ := renderAll(t)
	pages := map[string][]byte{"index": index, "hostile call": calls[hostileID], "acme call": calls["east/acme.vtt"]}
	for name, page := range pages {
		t.Run(name, func(t *testing.T) {
			html := string(page)
			for _, bad := range []string{"<script>window", "<img", "<svg onload", `onerror="`, "<b>", "<i>", "__pwned=1</script>"} {
				if strings.Contains(html, bad) {
					t.Errorf("page holds unescaped %q", bad)
				}
			}
			wantScripts := 0
			if name == "index" {
				wantScripts = 1
			}
			if got := strings.Count(html, "<script"); got != wantScripts {
				t.Errorf("page has %d <script> elements, want %d", got, wantScripts)
			}
		})
	}
	t.Run("shown as text", func(t *testing.T) {
		html := string(calls[hostileID])
		for _, want := range []string{
			"&lt;script&gt;window.__pwned=2&lt;/script&gt;",
			"&#34;&gt;&lt;img src=x onerror=&#34;window.__pwned=4&#34;&gt;",
			"Sam &#34;The Closer&#34; &lt;script&gt;",
			"&lt;b&gt;before&lt;/b&gt; Q3 &amp; the security review",
		} {
			if !strings.Contains(html, want) {
				t.Errorf("hostile call page lacks escaped %q", want)
			}
		}
	})
}

func TestPagesDeterministic(t *testing.T) {
	calls1, index1, _, _ := renderAll(t)
	for i := 0; i < 3; i++ {
		calls2, index2, _, _ := renderAll(t)
		if !bytes.Equal(index1, index2) {
			t.Fatal("IndexPage differs between two renders of the same summary")
		}
		for id, b := range calls1 {
			if !bytes.Equal(b, calls2[id]) {
				t.Fatalf("CallPage(%s) differs between two renders", id)
			}
		}
	}
}

func TestIndexPageContent(t *testing.T) {
	_, index, _, s := renderAll(t)
	html := strings.ReplaceAll(string(index), "/<wbr>", "/")
	if got := strings.Count(html, "<tr data-rep="); got != len(s.Rows) {
		t.Errorf("index has %d call rows, want %d", got, len(s.Rows))
	}
	var want []string
	for _, r := range s.Rows {
		want = append(want, ">"+template.HTMLEscapeString(r.Call)+"<")
		if r.ReportHTML != "" {
			want = append(want, `href="`+relLink(r.ReportHTML)+`"`)
		}
	}
	for _, f := range s.Failures {
		want = append(want, template.HTMLEscapeString(f.Reason), template.HTMLEscapeString(f.Key))
	}
	want = append(want,
		`href="east/acme.vtt.html"`, `href="west/q3%20%22final%22%20%3Cb%3E%231.txt.html"`,
		"2 lexicon sets in this batch", "<code>7f3a9c21e0b4</code>, <code>b81e0d44a1c9</code>",
		`<th scope="row">Dana Reyes</th>`, `<th scope="row">Ana Ortiz</th>`, `<th scope="row">Lee Park</th>`,
		`<option value="(no rep)">`, "Flags per kind across the batch", "Flag rates per rep", `role="img"`,
		`http-equiv="Content-Security-Policy"`, "@media print")
	for _, w := range want {
		if !strings.Contains(html, w) {
			t.Errorf("index lacks %q", w)
		}
	}
	for _, bad := range []string{`src="`, "<link", "@import", `href="http`, "url("} {
		if strings.Contains(html, bad) {
			t.Errorf("index loads something from outside: %q", bad)
		}
	}
}

func TestCallPageContent(t *testing.T) {
	calls, _, cases, _ := renderAll(t)
	tests := []struct {
		id   string
		want []string
	}{
		{"east/acme.vtt", []string{`href="../index.html"`, `href="acme.vtt.json"`, "Dana Reyes", "Acme Corp", "2026-11-21", "<strong>Discovery</strong> <span class=\"stage-how\">(from the sidecar)</span>", "Discovery (from the sidecar)",
			"inferred from the conversation", "42% confident", "conf-low", "had no label for the first 40 seconds", "<code>7f3a9c21e0b4</code>",
			kindText[analyze.Overpromise][1], "high severity", "score 0.91", "Considered and excused",
			"negation: an honest limit counts toward credibility", "contractual term with its conditions stated",
			"guarantee; no problem at all", "Longest monologue", "4.0 + 5.0 + 3.0", ">8.0<", ">1.5<", `class="when" href="#turn-6">`}},
		{"east/globex.srt", []string{`href="../index.html"`, "from the call&#39;s .meta.json sidecar", "100% confident", "low severity", "No business reason", "Not flagged"}},
		{"practice/lee/pitch.txt", []string{`href="../../index.html"`, `href="pitch.txt.json"`, "Not applicable to this call", "Why it does not apply:</strong> a practice pitch has no buyer to object", "untimed", ">turn 2<", "named on the command line"}},
		{hostileID, []string{`href="../index.html"`, `href="q3%20%22final%22%20%3Cb%3E%231.txt.json"`, "stated in the transcript file", "&lt;script&gt;window.__pwned=6&lt;/script&gt;"}},
		{"central/initech.vtt", []string{"Not flagged", "a next step with owner and date", "Follow-up (from the document)", ">none<",
			"12 lines before the conversation and 9 after it were not read as speech (lines 1-12, 88-96)."}},
	}
	for _, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			html := string(calls[tc.id])
			for _, w := range tc.want {
				if !strings.Contains(html, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, pc := range cases {
				if pc.call.ID != tc.id {
					continue
				}
				if got := strings.Count(html, `<li id="turn-`); got != len(pc.call.Turns) {
					t.Errorf("transcript shows %d turns, want %d", got, len(pc.call.Turns))
				}
				for _, f := range pc.report.Flags {
					for _, e := range f.Evidence {
						anchor := turnAnchor(e.Turn)
						if !strings.Contains(html, `id="`+anchor[1:]+`"`) || !strings.Contains(html, `class="mark `+kindClass(f.Kind)+`" href="`+anchor+`"`) {
							t.Errorf("%s evidence in turn %d has no timeline mark linking to its anchor", f.Kind, e.Turn)
						}
					}
				}
			}
		})
	}
}

func TestPagesOfEmptyInput(t *testing.T) {
	index, err := IndexPage(&Summary{Batch: "empty", LexiconsVersions: []string{"a1", "b2"}})
	for _, want := range []string{"No reported calls.", "No failures", "2 lexicon sets were used in this batch"} {
		if err != nil || !strings.Contains(string(index), want) {
			t.Errorf("IndexPage(empty summary) = %v, page without %q", err, want)
		}
	}
	call, err := CallPage(&analyze.Report{Call: analyze.CallInfo{ID: "solo.txt"}}, nil)
	if err != nil || !strings.Contains(string(call), "The transcript is not part of this page.") {
		t.Errorf("CallPage(empty report, no call) = %v, page without the transcript note", err)
	}
	if _, err := CallPage(nil, nil); err == nil {
		t.Error("CallPage(nil) did not fail")
	}
	if _, err := IndexPage(nil); err == nil {
		t.Error("IndexPage(nil) did not fail")
	}
}

func TestPageHelpers(t *testing.T) {
	show := func(parts []textPart) string {
		var b strings.Builder
		for _, p := range parts {
			if p.Mark {
				p.Text = "[" + p.Text + "]"
			}
			b.WriteString(p.Text)
		}
		return b.String()
	}
	tests := []struct{ name, got, want string }{
		{"relLink file", relLink("acme.vtt.html"), "acme.vtt.html"},
		{"relLink folders", relLink("east/acme.vtt.html"), "east/acme.vtt.html"},
		{"relLink specials", relLink("a b/c#1?.html"), "a%20b/c%231%3F.html"},
		{"relLink scheme-like", relLink("javascript:alert(1).html"), "./javascript:alert%281%29.html"},
		{"relLink empty", relLink(""), ""},
		{"mmss zero", mmss(0), "00:00"},
		{"mmss rounds", mmss(59.6), "01:00"},
		{"mmss minutes", mmss(754), "12:34"},
		{"mmss hours", mmss(3725), "1:02:05"},
		{"mmss negative", mmss(-3), "00:00"},
		{"mmss many hours", mmss(123*3600 + 4*60 + 5), "123:04:05"},
		{"markQuotes none", show(markQuotes("hello there", nil)), "hello there"},
		{"markQuotes middle", show(markQuotes("we guarantee it works", []string{"guarantee it"})), "we [guarantee it] works"},
		{"markQuotes overlap", show(markQuotes("abcdef", []string{"bcd", "cde", "a"})), "[a][bcd][e]f"},
		{"markQuotes missing", show(markQuotes("abc", []string{"xyz"})), "abc"},
		{"fit short", fit("Ana", 100), "Ana"},
		{"fit long", fit("Priya Shah of the Acme Corporation", 100), "Priya Shah…"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
}
