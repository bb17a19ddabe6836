package pages

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/calltrust/calltrust/analyze"
)

// pageFiles holds the page templates, the style sheet and the script.
// Everything is inlined into each page, so a page works from a folder or
// a bucket, offline.
//
//go:embed *.html *.css index.js
var pageFiles embed.FS

var (
	pageCSS   = mustRead("style.css")
	pageJS    = mustRead("index.js")
	pageTmpls = template.Must(template.New("pages").Funcs(template.FuncMap{
		"chart":    chartHTML,
		"evidence": func(e []evidenceView) template.HTML { return evidenceHTML(e, false) },
		"excused":  func(e []evidenceView) template.HTML { return evidenceHTML(e, true) },
	}).ParseFS(pageFiles, "*.html"))
)

func mustRead(name string) string {
	b, err := pageFiles.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// The helpers below are shared by both pages and the charts.

// page is what every page carries: its title, inline style and script, and
// a content security policy that allows those and nothing else.
type page struct {
	Title string
	CSS   template.CSS
	JS    template.JS
	CSP   string
}

func newPage(title string, script bool) page {
	hash := func(s string) string {
		sum := sha256.Sum256([]byte(s))
		return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	p := page{Title: title, CSS: template.CSS(pageCSS)}
	scripts := "'none'"
	if script {
		p.JS = template.JS(pageJS)
		scripts = hash(pageJS)
	}
	p.CSP = "default-src 'none'; style-src " + hash(pageCSS) + "; script-src " + scripts + "; img-src 'none'; base-uri 'none'; form-action 'none'"
	return p
}

// render executes one page template; size is what the page's parts
// written beforehand (transcript, charts) add to the template's own text.
func render(name string, data any, size int) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(size + len(pageCSS) + len(pageJS) + 32<<10)
	if err := pageTmpls.ExecuteTemplate(&buf, name, data); err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// relLink turns a key relative to the page's folder into a relative URL:
// every path part escaped, so "#", "?" and ":" in call ids stay in the path.
func relLink(key string) string {
	if key == "" {
		return ""
	}
	parts := strings.Split(key, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	out := strings.Join(parts, "/")
	if strings.Contains(parts[0], ":") {
		out = "./" + out
	}
	return out
}

// mmss formats seconds as mm:ss, or h:mm:ss from an hour on.
func mmss(sec float64) string {
	if sec < 0 {
		sec = 0
	}
	s := int(sec + 0.5)
	b := make([]byte, 0, 10)
	two := func(b []byte, v int) []byte { return append(b, byte('0'+v/10), byte('0'+v%10)) }
	if s >= 3600 {
		b = strconv.AppendInt(b, int64(s/3600), 10)
		b = append(b, ':')
	}
	b = two(b, s/60%60)
	b = append(b, ':')
	return string(two(b, s%60))
}

// roleName names a role for people.
func roleName(r analyze.Role) string {
	if r == analyze.Unknown {
		return "role unknown"
	}
	return string(r)
}

// roleClass is the CSS class suffix of a role.
func roleClass(r analyze.Role) string {
	switch r {
	case analyze.Seller, analyze.Customer:
		return string(r)
	}
	return "unknown"
}

// turnAnchor is the fragment of a transcript turn on the call page.
func turnAnchor(turn int) string { return fmt.Sprintf("#turn-%d", turn) }

// percent formats a share as a whole percentage.
func percent(v float64) string { return fmt.Sprintf("%.0f%%", v*100) }

// score1 formats a score with one decimal.
func score1(v float64) string { return fmt.Sprintf("%.1f", v) }

// indexView is what the batch page template shows.
type indexView struct {
	page
	Batch, Source string
	Counts        []metricView
	Lexicons      []string
	Warnings      []string
	Rows          []rowView
	Reps          []string
	CallTypes     []legendItem // the call types of the rows, for the filter
	Kinds         []legendItem
	KindsChart    chart
	RepsChart     chart
	Rollup        []rollupView
	Team          rollupView
	Failures      []Failure
}

type rowView struct {
	Rank                                   int
	Call, Href                             string
	CallParts                              []string
	Date, Rep, RepKey, Account, Length     string
	CallType, CallTypeKey, CallTypeSort    string
	LengthSort, FlagsSort, TrustSort       string
	Trust, Quote, Reason, Worst, FlagsData string
	Flags                                  []badge
	Failed                                 bool
}

type badge struct{ Label, Severity, Class string }

type rollupView struct {
	Name, Calls, Flagged, Median, Delta, DeltaClass string
	Rates                                           []string
}

// repRollup counts one rep's reported calls, flags and trust scores.
type repRollup struct {
	Name    string
	Calls   int
	Flagged int
	ByKind  map[analyze.Kind]int
	Trust   []float64
}

// Rate is the share of the rep's reported calls carrying kind k.
func (r repRollup) Rate(k analyze.Kind) float64 {
	if r.Calls == 0 {
		return 0
	}
	return float64(r.ByKind[k]) / float64(r.Calls)
}

// median returns the middle value, or the mean of the two middle values.
func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// noRep names calls that carry no rep.
const noRep = "(no rep)"

// IndexPage renders a batch summary as a self-contained HTML page: the
// calls worst first with filters and sorting, the per-rep rollup, charts,
// failures and warnings.
func IndexPage(s *Summary) ([]byte, error) {
	if s == nil {
		return nil, errors.New("index page: no summary")
	}
	v := indexView{page: newPage("Batch "+s.Batch, true), Batch: s.Batch, Source: s.Source,
		Lexicons: s.LexiconsVersions, Warnings: append([]string(nil), s.Warnings...), Failures: s.Failures}
	v.Counts = []metricView{
		{"Calls", fmt.Sprint(s.Calls)}, {"Reported", fmt.Sprint(s.Reported)}, {"Flagged", fmt.Sprint(s.Flagged)},
		{"Failed", fmt.Sprint(s.Failed)}, {"Pending", fmt.Sprint(s.Pending)}, {"Skipped", fmt.Sprint(s.Skipped)},
	}
	if len(s.LexiconsVersions) > 1 && !strings.Contains(strings.ToLower(strings.Join(s.Warnings, " ")), "lexicon") {
		v.Warnings = append(v.Warnings, fmt.Sprintf("%d lexicon sets were used in this batch: scores are not comparable across them.", len(s.LexiconsVersions)))
	}
	if s.Pending > 0 {
		v.Warnings = append(v.Warnings, fmt.Sprintf("This summary is partial: %d calls are still pending.", s.Pending))
	}
	reps := map[string]*repRollup{}
	team := repRollup{Name: "Team", ByKind: map[analyze.Kind]int{}}
	counts := make([]kindCount, len(analyze.Kinds))
	for i, k := range analyze.Kinds {
		counts[i].Kind = k
	}
	reported := 0
	for i, row := range s.Rows {
		rv := indexRow(i+1, row)
		v.Rows = append(v.Rows, rv)
		rr := reps[rv.RepKey]
		if rr == nil {
			rr = &repRollup{Name: rv.RepKey, ByKind: map[analyze.Kind]int{}}
			reps[rv.RepKey] = rr
		}
		if rv.Failed {
			continue
		}
		reported++
		for _, agg := range []*repRollup{rr, &team} {
			agg.Calls++
			agg.Trust = append(agg.Trust, row.Trustworthiness)
			if len(row.Flags) > 0 {
				agg.Flagged++
			}
		}
		seen := map[analyze.Kind]bool{}
		for _, f := range row.Flags {
			if seen[f.Kind] {
				continue
			}
			seen[f.Kind] = true
			rr.ByKind[f.Kind]++
			team.ByKind[f.Kind]++
			for j := range counts {
				if counts[j].Kind != f.Kind {
					continue
				}
				switch f.Severity {
				case analyze.High:
					counts[j].High++
				case analyze.Medium:
					counts[j].Medium++
				default:
					counts[j].Low++
				}
			}
		}
	}
	var rollups []repRollup
	for name, rr := range reps {
		v.Reps = append(v.Reps, name)
		if rr.Calls > 0 {
			rollups = append(rollups, *rr)
		}
	}
	sort.Strings(v.Reps)
	v.CallTypes = callTypeOptions(v.Rows)
	sort.Slice(rollups, func(a, b int) bool { return rollups[a].Name < rollups[b].Name })
	teamMedian := median(team.Trust)
	for _, rr := range rollups {
		v.Rollup = append(v.Rollup, rollupRow(rr, teamMedian))
	}
	v.Team = rollupRow(team, teamMedian)
	v.Team.Delta, v.Team.DeltaClass = "", ""
	for _, k := range analyze.Kinds {
		v.Kinds = append(v.Kinds, legendItem{Label: kindLabel(k), Class: string(k)})
	}
	v.KindsChart = kindsChart(counts, reported)
	v.RepsChart = repsChart(rollups, team)
	return render("index.html", v, 0)
}

// indexRow is one call's row in the batch table.
func indexRow(rank int, row Row) rowView {
	rv := rowView{Rank: rank, Call: row.Call, CallParts: strings.Split(row.Call, "/"), Href: relLink(row.ReportHTML),
		Date: row.Date, Rep: row.Rep, RepKey: row.Rep, Account: row.Account, Length: "untimed", LengthSort: "-1",
		Trust: score1(row.Trustworthiness), TrustSort: strconv.FormatFloat(row.Trustworthiness, 'f', 3, 64),
		Quote: row.TopQuote, Reason: row.Reason, Worst: string(row.WorstSeverity), Failed: row.Status == "failed"}
	if rv.RepKey == "" {
		rv.RepKey = noRep
	}
	rv.CallType, rv.CallTypeKey, rv.CallTypeSort = callTypeLabel(row.CallType), callTypeKey(row.CallType), strconv.Itoa(callTypeRank(row.CallType))
	if row.DurationSeconds != nil {
		rv.Length, rv.LengthSort = mmss(*row.DurationSeconds), strconv.FormatFloat(*row.DurationSeconds, 'f', 1, 64)
	}
	worst := 0
	var data []string
	for _, f := range row.Flags {
		worst = max(worst, f.Severity.Rank())
		rv.Flags = append(rv.Flags, badge{Label: kindLabel(f.Kind), Severity: string(f.Severity), Class: kindClass(f.Kind)})
		data = append(data, string(f.Kind)+":"+string(f.Severity))
	}
	rv.FlagsData = strings.Join(data, " ")
	rv.FlagsSort = strconv.Itoa(worst*100 + len(row.Flags))
	if rv.Failed {
		rv.Trust, rv.TrustSort, rv.FlagsSort, rv.Length = "—", "-1", "-1", "—"
		rv.CallType, rv.CallTypeKey, rv.CallTypeSort = "—", "", "-1"
	}
	return rv
}

// rollupRow formats one rep's rollup against the team median.
func rollupRow(rr repRollup, teamMedian float64) rollupView {
	m := median(rr.Trust)
	out := rollupView{Name: rr.Name, Calls: fmt.Sprint(rr.Calls), Flagged: percent(float64(rr.Flagged) / float64(max(rr.Calls, 1))), Median: score1(m)}
	for _, k := range analyze.Kinds {
		out.Rates = append(out.Rates, percent(rr.Rate(k)))
	}
	d := m - teamMedian
	switch {
	case d > 0.05:
		out.Delta, out.DeltaClass = "+"+score1(d)+" above team", "above"
	case d < -0.05:
		out.Delta, out.DeltaClass = "−"+score1(-d)+" below team", "below"
	default:
		out.Delta, out.DeltaClass = "at team median", "even"
	}
	return out
}
