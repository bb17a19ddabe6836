package pages

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html/template"
	"sort"
	"strconv"
	"strings"
)

// The files of the trends, in <reports>/trends/; each rep has a page of
// their own there too (RepTrend.Page).
const (
	TrendsHTML = "index.html"
	TrendsJSON = "trends.json"
	TrendsCSV  = "trends.csv"
)

// TrendFile is one file of the trends: its name in the trends folder,
// content type and bytes.
type TrendFile struct {
	Name, ContentType string
	Data              []byte
}

// TrendFiles renders the trends as the files of the trends folder:
// trends.json, trends.csv, a page per rep and index.html, in that order.
func TrendFiles(t *Trends) ([]TrendFile, error) {
	js, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("trends json: %w", err)
	}
	files := []TrendFile{{TrendsJSON, "application/json", append(js, '\n')}, {TrendsCSV, "text/csv; charset=utf-8", TrendsCSVBytes(t)}}
	for _, r := range t.Reps {
		page, err := repPageBytes(t, r)
		if err != nil {
			return nil, err
		}
		files = append(files, TrendFile{r.Page, "text/html; charset=utf-8", page})
	}
	index, err := trendsPage(t)
	if err != nil {
		return nil, err
	}
	return append(files, TrendFile{TrendsHTML, "text/html; charset=utf-8", index}), nil
}

// TrendsCSVBytes renders the trends as one row per rep (and the team)
// and batch: calls, each flag's rate, the median trustworthiness and
// whether the lexicon set changed at that batch.
func TrendsCSVBytes(t *Trends) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	head := []string{"rep", "batch", "date", "calls"}
	for _, k := range t.Kinds {
		head = append(head, "rate_"+string(k))
	}
	w.Write(append(head, "median_trustworthiness", "lexicons_changed"))
	write := func(name string, s TrendSeries) {
		for i, b := range t.Batches {
			rec := []string{name, b.Batch, b.Date, strconv.Itoa(s.Calls[i])}
			for _, k := range t.Kinds {
				rec = append(rec, optNum(s.Rates[k][i], 3))
			}
			w.Write(append(rec, optNum(s.Median[i], 2), strconv.FormatBool(b.LexiconsChanged)))
		}
	}
	write("(team)", t.Team)
	for _, r := range t.Reps {
		write(r.Rep, r.TrendSeries)
	}
	w.Flush()
	return buf.Bytes()
}

func optNum(v *float64, prec int) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', prec, 64)
}

var trendCSS = mustRead("trends.css")

// trendPage is a page with the trends' extra style.
func trendPage(title string) page {
	css := pageCSS + trendCSS
	sum := sha256.Sum256([]byte(css))
	return page{Title: title, CSS: template.CSS(css),
		CSP: "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'; script-src 'none'; img-src 'none'; base-uri 'none'; form-action 'none'"}
}

type teamRow struct {
	Label  string
	Spark  template.HTML
	Values []string
}

type repRow struct {
	Name, Href, Calls, Median, Move string
	Sparks                          []template.HTML
}

func trendsPage(t *Trends) ([]byte, error) {
	var marks []int
	for i, b := range t.Batches {
		if b.LexiconsChanged {
			marks = append(marks, i)
		}
	}
	v := struct {
		page
		Batches []TrendBatch
		Team    []teamRow
		Kinds   []string
		Reps    []repRow
	}{page: trendPage("Trends"), Batches: t.Batches}
	for _, k := range t.Kinds {
		row := teamRow{Label: kindLabel(k), Spark: spark(kindLabel(k)+", team", t.Team.Rates[k], marks)}
		for _, r := range t.Team.Rates[k] {
			row.Values = append(row.Values, optPercent(r))
		}
		v.Team = append(v.Team, row)
		v.Kinds = append(v.Kinds, kindLabel(k))
	}
	for _, r := range t.Reps {
		rr := repRow{Name: r.Rep, Href: relLink(r.Page), Calls: joinInts(r.Calls), Move: "—"}
		var med []string
		for _, m := range r.Median {
			med = append(med, optNum(m, 1))
		}
		rr.Median = strings.Join(med, " · ")
		if r.MoveBy != "" {
			rr.Move = "+" + percent(r.Move) + " " + kindLabel(r.MoveBy)
		}
		for _, k := range t.Kinds {
			rr.Sparks = append(rr.Sparks, spark(kindLabel(k)+", "+r.Rep, r.Rates[k], marks))
		}
		v.Reps = append(v.Reps, rr)
	}
	return render("trends", v, 0)
}

func repPageBytes(t *Trends, r RepTrend) ([]byte, error) {
	type callRow struct{ Batch, BatchHref, Call, Href, Date, Flags, Trust string }
	v := struct {
		page
		Name       string
		BatchCount int
		Calls      []callRow
	}{page: trendPage("Rep " + r.Rep), Name: r.Rep, BatchCount: len(t.Batches)}
	order := map[string]int{}
	for i, b := range t.Batches {
		order[b.Batch] = i
	}
	calls := append([]RepCall(nil), r.Flagged...)
	sort.SliceStable(calls, func(i, j int) bool { return order[calls[i].Batch] > order[calls[j].Batch] })
	for _, c := range calls {
		var flags []string
		for _, f := range c.Flags {
			flags = append(flags, kindLabel(f.Kind)+" ("+string(f.Severity)+")")
		}
		v.Calls = append(v.Calls, callRow{Batch: c.Batch, BatchHref: t.Batches[order[c.Batch]].Href, Call: c.Call, Href: c.Href,
			Date: c.Date, Flags: strings.Join(flags, ", "), Trust: score1(c.Trustworthiness)})
	}
	return render("rep", v, 0)
}

func optPercent(v *float64) string {
	if v == nil {
		return "—"
	}
	return percent(*v)
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, " · ")
}

// spark draws a rate series (0 to 1) as a small inline SVG line, with a
// dashed mark at each batch where the lexicon set changed. Batches
// without calls leave a gap.
func spark(title string, vals []*float64, marks []int) template.HTML {
	const w, h, pad = 120.0, 28.0, 3.0
	x := func(i int) float64 {
		if len(vals) < 2 {
			return w / 2
		}
		return pad + float64(i)*(w-2*pad)/float64(len(vals)-1)
	}
	var b strings.Builder
	b.WriteString(`<svg class="spark" viewBox="0 0 120 28" role="img" aria-label="`)
	writeEscaped(&b, title)
	b.WriteString(`"><title>`)
	writeEscaped(&b, title)
	b.WriteString("</title>")
	for _, m := range marks {
		b.WriteString(`<line class="lexmark"`)
		numAttrs(&b, []string{"x1", "y1", "x2", "y2"}, x(m), 0, x(m), h)
		b.WriteString("/>")
	}
	var pts []string
	flush := func() {
		if len(pts) > 0 {
			b.WriteString(`<polyline points="` + strings.Join(pts, " ") + `"/>`)
		}
		pts = nil
	}
	for i, v := range vals {
		if v == nil {
			flush()
			continue
		}
		y := h - pad - *v*(h-2*pad)
		pts = append(pts, strconv.FormatFloat(x(i), 'f', 1, 64)+","+strconv.FormatFloat(y, 'f', 1, 64))
		if len(pts) == 1 && (i+1 >= len(vals) || vals[i+1] == nil) {
			b.WriteString(`<circle r="2"`)
			numAttrs(&b, []string{"cx", "cy"}, x(i), y)
			b.WriteString("/>")
		}
	}
	flush()
	b.WriteString("</svg>")
	return template.HTML(b.String())
}
