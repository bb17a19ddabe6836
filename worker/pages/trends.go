package pages

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/calltrust/calltrust/analyze"
)

// TrendsDir is the folder of the trends in the reports store.
const TrendsDir = "trends"

// DefaultTrendBatches is how many batches the trends cover by default.
const DefaultTrendBatches = 30

// Trends is the reps' and the team's figures across the last batches of
// a reports store, oldest batch first. It is built from the batch
// summaries alone, so building it twice from the same summaries gives the
// same bytes.
type Trends struct {
	Kinds   []analyze.Kind `json:"kinds"`
	Batches []TrendBatch   `json:"batches"`
	Team    TrendSeries    `json:"team"`
	Reps    []RepTrend     `json:"reps"` // worst movers first
}

// TrendBatch is one batch of the trends.
type TrendBatch struct {
	Batch    string   `json:"batch"`
	Date     string   `json:"date"` // the date in its ID, else its latest call's date
	Href     string   `json:"href"` // its batch page, relative to the trends folder
	Reported int      `json:"reported"`
	Lexicons []string `json:"lexicons_versions"`
	// LexiconsChanged marks a batch whose lexicon set differs from the
	// batch before: a change in rate there may come from the lexicons.
	LexiconsChanged bool `json:"lexicons_changed"`
}

// TrendSeries is one rep's, or the team's, figures per batch. A rate or
// median is null for a batch without a reported call.
type TrendSeries struct {
	Calls  []int                       `json:"calls"`
	Rates  map[analyze.Kind][]*float64 `json:"rates"`
	Median []*float64                  `json:"median_trustworthiness"`
}

// RepTrend is one rep across the batches, with their flagged calls.
type RepTrend struct {
	Rep  string `json:"rep"`
	Page string `json:"page"` // the rep's page, relative to the trends folder
	TrendSeries
	// Move is the largest rise of a flag's rate between the rep's first
	// and last batch with calls; reps are listed by it, highest first.
	Move    float64      `json:"move"`
	MoveBy  analyze.Kind `json:"move_by,omitempty"`
	Flagged []RepCall    `json:"flagged_calls"`
}

// RepCall is one flagged call of a rep.
type RepCall struct {
	Batch           string    `json:"batch"`
	Call            string    `json:"call"`
	Href            string    `json:"href"` // relative to the trends folder
	Date            string    `json:"date"`
	Flags           []RowFlag `json:"flags"`
	Trustworthiness float64   `json:"trustworthiness"`
}

var idDate = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)

// batchDate is the date a batch is ordered by: a date in its ID (as in
// nightly-2026-11-21), else its latest call's date.
func batchDate(s *Summary) string {
	if d := idDate.FindString(s.Batch); d != "" {
		return d
	}
	latest := ""
	for _, r := range s.Rows {
		latest = max(latest, r.Date)
	}
	return latest
}

// BuildTrends builds the trends of the last n summaries by date (then
// batch ID); n < 1 means DefaultTrendBatches.
func BuildTrends(summaries []*Summary, n int) *Trends {
	if n < 1 {
		n = DefaultTrendBatches
	}
	ss := append([]*Summary(nil), summaries...)
	sort.SliceStable(ss, func(i, j int) bool {
		di, dj := batchDate(ss[i]), batchDate(ss[j])
		if di != dj {
			return di < dj
		}
		return ss[i].Batch < ss[j].Batch
	})
	if len(ss) > n {
		ss = ss[len(ss)-n:]
	}
	t := &Trends{Kinds: analyze.Kinds, Batches: []TrendBatch{}, Reps: []RepTrend{}}
	nb := len(ss)
	team := newAgg(nb)
	reps := map[string]*agg{}
	flagged := map[string][]RepCall{}
	prev := ""
	for i, s := range ss {
		lex := append([]string(nil), s.LexiconsVersions...)
		sort.Strings(lex)
		set := strings.Join(lex, ",")
		t.Batches = append(t.Batches, TrendBatch{Batch: s.Batch, Date: batchDate(s), Href: "../" + relLink(s.Batch+"/"+IndexHTML),
			Reported: s.Reported, Lexicons: lex, LexiconsChanged: i > 0 && set != "" && prev != "" && set != prev})
		if set != "" {
			prev = set
		}
		for _, r := range s.Rows {
			if r.Status != RowReported {
				continue
			}
			name := r.Rep
			if name == "" {
				name = noRep
			}
			a := reps[name]
			if a == nil {
				a = newAgg(nb)
				reps[name] = a
			}
			team.add(i, r)
			a.add(i, r)
			if len(r.Flags) > 0 {
				flagged[name] = append(flagged[name], RepCall{Batch: s.Batch, Call: r.Call, Href: "../" + relLink(s.Batch+"/"+r.ReportHTML),
					Date: r.Date, Flags: r.Flags, Trustworthiness: r.Trustworthiness})
			}
		}
	}
	t.Team = team.series()
	for name, a := range reps {
		rt := RepTrend{Rep: name, Page: repPage(name), TrendSeries: a.series(), Flagged: flagged[name]}
		if rt.Flagged == nil {
			rt.Flagged = []RepCall{}
		}
		rt.Move, rt.MoveBy = move(rt.TrendSeries)
		t.Reps = append(t.Reps, rt)
	}
	sort.Slice(t.Reps, func(i, j int) bool {
		if t.Reps[i].Move != t.Reps[j].Move {
			return t.Reps[i].Move > t.Reps[j].Move
		}
		return t.Reps[i].Rep < t.Reps[j].Rep
	})
	return t
}

// move is the largest rise of a flag's rate from the first to the last
// batch where the series has calls, and the flag that rose.
func move(s TrendSeries) (float64, analyze.Kind) {
	best, by := 0.0, analyze.Kind("")
	for _, k := range analyze.Kinds {
		var first, last *float64
		for _, v := range s.Rates[k] {
			if v != nil {
				if first == nil {
					first = v
				}
				last = v
			}
		}
		if first != nil && *last-*first > best {
			best, by = *last-*first, k
		}
	}
	return best, by
}

// agg counts calls, flagged kinds and trust scores per batch.
type agg struct {
	calls  []int
	byKind map[analyze.Kind][]int
	trust  [][]float64
}

func newAgg(n int) *agg {
	a := &agg{calls: make([]int, n), byKind: map[analyze.Kind][]int{}, trust: make([][]float64, n)}
	for _, k := range analyze.Kinds {
		a.byKind[k] = make([]int, n)
	}
	return a
}

func (a *agg) add(i int, r Row) {
	a.calls[i]++
	a.trust[i] = append(a.trust[i], r.Trustworthiness)
	seen := map[analyze.Kind]bool{}
	for _, f := range r.Flags {
		if !seen[f.Kind] {
			seen[f.Kind] = true
			if c, ok := a.byKind[f.Kind]; ok {
				c[i]++
			}
		}
	}
}

func (a *agg) series() TrendSeries {
	s := TrendSeries{Calls: a.calls, Rates: map[analyze.Kind][]*float64{}, Median: make([]*float64, len(a.calls))}
	for _, k := range analyze.Kinds {
		s.Rates[k] = make([]*float64, len(a.calls))
	}
	for i, n := range a.calls {
		if n == 0 {
			continue
		}
		m := median(a.trust[i])
		s.Median[i] = &m
		for _, k := range analyze.Kinds {
			v := float64(a.byKind[k][i]) / float64(n)
			s.Rates[k][i] = &v
		}
	}
	return s
}

// repPage names a rep's page in the trends folder: a stable name made of
// the rep's letters and digits and a short hash, so any name is a safe
// file name and two reps never share one.
func repPage(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
			b.WriteByte('-')
		}
		if b.Len() >= 40 {
			break
		}
	}
	h := uint32(2166136261)
	for i := 0; i < len(name); i++ {
		h = (h ^ uint32(name[i])) * 16777619
	}
	return "rep-" + strings.Trim(b.String(), "-") + fmt.Sprintf("-%08x.html", h)
}
