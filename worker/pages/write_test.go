package pages

import (
	"html/template"
	"math/rand"
	"strconv"
	"strings"
	"testing"
)

// templateWritten is how the pages drew charts and transcripts through
// html/template; chartHTML and transcriptHTML must write the same bytes.
var templateWritten = template.Must(template.New("ref").Funcs(template.FuncMap{
	"n": func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) },
}).Parse(`{{define "chart"}}<svg class="chart {{.Class}}" viewBox="0 0 {{n .Width}} {{n .Height}}" preserveAspectRatio="xMinYMin meet" {{if .Interactive}}role="group"{{else}}role="img"{{end}} aria-label="{{.Title}}">
<title>{{.Title}}</title>{{with .Desc}}<desc>{{.}}</desc>{{end}}
{{range .Lines}}<line x1="{{n .X1}}" y1="{{n .Y1}}" x2="{{n .X2}}" y2="{{n .Y2}}" class="{{.Class}}"/>
{{end}}{{range .Rects}}{{if .Href}}<a href="{{.Href}}" aria-label="{{.Label}}">{{end}}<rect x="{{n .X}}" y="{{n .Y}}" width="{{n .W}}" height="{{n .H}}" class="{{.Class}}">{{with .Title}}<title>{{.}}</title>{{end}}</rect>{{if .Href}}</a>{{end}}
{{end}}{{range .Texts}}<text x="{{n .X}}" y="{{n .Y}}" text-anchor="{{or .Anchor "start"}}" class="{{.Class}}">{{with .Title}}<title>{{.}}</title>{{end}}{{.Text}}</text>
{{end}}{{range .Marks}}<a class="mark {{.Class}}" href="{{.Href}}" aria-label="{{.Label}}"><title>{{.Label}}</title><circle cx="{{n .X}}" cy="{{n .Y}}" r="7"/></a>
{{end}}</svg>{{end}}` + "\n" + `{{define "transcript"}}{{range .}}<li id="{{.Anchor}}" class="turn role-{{.RoleClass}}{{if .Flagged}} flagged {{(index .Flags 0).Class}}{{end}}{{if .Monologue}} longest{{end}}">
<div class="turn-meta"><a class="when" href="#{{.Anchor}}">{{.When}}</a> <span class="speaker">{{.Speaker}}</span> <span class="role">{{.Role}}</span>
{{range .Flags}}<a class="badge {{.Class}}" href="{{.Href}}">{{.Label}}</a> {{end}}{{if .Monologue}}<span class="tag">Longest monologue</span> {{end}}{{if .Excused}}<span class="tag">Excused candidate</span>{{end}}</div>
<p class="text">{{range .Parts}}{{if .Mark}}<mark>{{.Text}}</mark>{{else}}{{.Text}}{{end}}{{end}}</p>
</li>
{{end}}{{end}}` + "\n" + `{{define "quote"}}<figure class="quote">
<blockquote>{{.Quote}}</blockquote>
<figcaption><a class="when" href="{{.Href}}">{{.When}}</a> <span class="speaker">{{.Speaker}}</span></figcaption>
{{if .Matched}}<p class="why"><span class="lbl">Matched</span> <mark class="matched">{{.Matched}}</mark></p>{{end}}
{{with .Why}}<p class="why"><span class="lbl">Why</span> {{.}}</p>{{end}}
</figure>{{end}}{{define "excuse"}}<figure class="quote excused">
<blockquote>{{.Quote}}</blockquote>
<figcaption><a class="when" href="{{.Href}}">{{.When}}</a> <span class="speaker">{{.Speaker}}</span></figcaption>
{{if .Matched}}<p class="why"><span class="lbl">Matched</span> <mark class="matched">{{.Matched}}</mark></p>{{end}}
<p class="why"><span class="lbl">Excused</span> {{.Why}}</p>
</figure>{{end}}{{define "quotes"}}{{range .}}<li>{{template "quote" .}}</li>{{end}}{{end}}{{define "excuses"}}{{range .}}<li>{{template "excuse" .}}</li>{{end}}{{end}}`))

func templateHTML(t *testing.T, name string, data any) string {
	t.Helper()
	var b strings.Builder
	if err := templateWritten.ExecuteTemplate(&b, name, data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// hostileStrings are what names, quotes and labels may hold.
var hostileStrings = []string{"", "Dana", `<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`, "a+b & 'c'",
	"\x00nul", "Ren\u00e9e \u2014 \u201cquoted\u201d", "javascript:alert(1)", "#turn-3", "?rep=a b&x=<y>", "%zz%41", "./a:b/c d.json",
	"JavaScript:x", "mailto:a@b.c", "https://example.com/a?b=c#d", "x\ty\nz", "\u2028\u2029", "{{.}}"}

func TestWritersMatchTemplates(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	pick := func() string { return hostileStrings[rng.Intn(len(hostileStrings))] }
	f := func() float64 { return float64(rng.Intn(20000)-5000) / 7 }
	for i := 0; i < 300; i++ {
		c := chart{Width: f(), Height: f(), Title: pick(), Desc: pick(), Class: pick(), Interactive: rng.Intn(2) == 0}
		for n := rng.Intn(4); n > 0; n-- {
			c.Lines = append(c.Lines, svgLine{f(), f(), f(), f(), pick()})
			c.Rects = append(c.Rects, svgRect{X: f(), Y: f(), W: f(), H: f(), Class: pick(), Title: pick(), Href: pick(), Label: pick()})
			c.Texts = append(c.Texts, svgText{X: f(), Y: f(), Text: pick(), Title: pick(), Anchor: pick(), Class: pick()})
			c.Marks = append(c.Marks, svgMark{X: f(), Y: f(), Class: pick(), Label: pick(), Href: pick()})
		}
		if got, want := string(chartHTML(c)), templateHTML(t, "chart", c); got != want {
			t.Fatalf("chart %+v:\ngot  %s\nwant %s", c, got, want)
		}
		var turns []turnView
		for n := rng.Intn(4); n > 0; n-- {
			tv := turnView{Anchor: pick(), When: pick(), Speaker: pick(), Role: pick(), RoleClass: pick(),
				Monologue: rng.Intn(3) == 0, Excused: rng.Intn(3) == 0}
			for k := rng.Intn(3); k > 0; k-- {
				tv.Parts = append(tv.Parts, textPart{Text: pick(), Mark: rng.Intn(2) == 0})
			}
			for k := rng.Intn(3); k > 0; k-- {
				tv.Flags = append(tv.Flags, turnFlag{Label: pick(), Class: pick(), Href: pick()})
			}
			tv.Flagged = len(tv.Flags) > 0
			turns = append(turns, tv)
		}
		if got, want := string(transcriptHTML(turns)), templateHTML(t, "transcript", turns); got != want {
			t.Fatalf("transcript %+v:\ngot  %s\nwant %s", turns, got, want)
		}
		var evidence []evidenceView
		for n := rng.Intn(4); n > 0; n-- {
			evidence = append(evidence, evidenceView{Href: pick(), Speaker: pick(), When: pick(), Quote: pick(), Matched: pick(), Why: pick()})
		}
		if got, want := string(evidenceHTML(evidence, false)), templateHTML(t, "quotes", evidence); got != want {
			t.Fatalf("evidence %+v:\ngot  %s\nwant %s", evidence, got, want)
		}
		if got, want := string(evidenceHTML(evidence, true)), templateHTML(t, "excuses", evidence); got != want {
			t.Fatalf("excused %+v:\ngot  %s\nwant %s", evidence, got, want)
		}
	}
}

// TestWritersMatchTemplatesOnCallPages draws the sample batch's charts
// and transcripts both ways.
func TestWritersMatchTemplatesOnCallPages(t *testing.T) {
	cases, _ := sampleBatch(t)
	for _, s := range cases {
		segments := s.report.Timeline
		timeline := timelineChart(timelineInput{Segments: segments, Timed: s.call.Timed, Flags: s.report.Flags, Monologue: s.report.Metrics.LongestMonologueTurn})
		if got, want := string(chartHTML(timeline)), templateHTML(t, "chart", timeline); got != want {
			t.Errorf("%s timeline:\ngot  %s\nwant %s", s.call.ID, got, want)
		}
		when := func(turn int, _ *float64) string { return "turn " + strconv.Itoa(turn+1) }
		turns := callTranscript(s.report, s.call, when, s.report.Metrics.LongestMonologueTurn)
		if got, want := string(transcriptHTML(turns)), templateHTML(t, "transcript", turns); got != want {
			t.Errorf("%s transcript:\ngot  %s\nwant %s", s.call.ID, got, want)
		}
	}
}
