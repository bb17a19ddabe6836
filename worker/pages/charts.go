package pages

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/calltrust/calltrust/analyze"
)

// chart is one inline SVG drawing in user units. The builders in this file
// only compute geometry and labels; chartHTML draws it, escaping every
// label as html/template does.
type chart struct {
	Width, Height float64
	Title         string // the accessible name
	Desc          string
	Class         string
	Interactive   bool // holds links: a group, not an image
	Lines         []svgLine
	Rects         []svgRect
	Texts         []svgText
	Marks         []svgMark
}

// svgRect is a rectangle, optionally a link, with a tooltip.
type svgRect struct {
	X, Y, W, H float64
	Class      string
	Title      string
	Href       string
	Label      string // aria-label when Href is set
}

// svgLine is a straight line.
type svgLine struct {
	X1, Y1, X2, Y2 float64
	Class          string
}

// svgText is a label; Anchor is start, middle or end.
type svgText struct {
	X, Y   float64
	Text   string
	Title  string
	Anchor string
	Class  string
}

// svgMark is a round, focusable marker linking to an anchor on the page.
type svgMark struct {
	X, Y  float64
	Class string
	Label string
	Href  string
}

// kindClass returns the CSS class that colours a flag kind.
func kindClass(k analyze.Kind) string {
	for _, known := range analyze.Kinds {
		if k == known {
			return "k-" + strings.ReplaceAll(string(k), "_", "-")
		}
	}
	return "k-other"
}

// shorten cuts a label to at most n runes, ending it with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// textWidth estimates, generously, the width of a bold 13px label in SVG
// user units.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case strings.ContainsRune(" .,:;'|!ijlI", r):
			w += 4.8
		case strings.ContainsRune("ftr()[]\"/-", r):
			w += 6
		case strings.ContainsRune("MWmw@%", r):
			w += 12.8
		case r >= 'A' && r <= 'Z', r > 0x7f:
			w += 10.2
		default:
			w += 8.6
		}
	}
	return w
}

// fit shortens a label until it is at most width units wide.
func fit(s string, width float64) string {
	if textWidth(s) <= width {
		return s
	}
	r := []rune(s)
	for n := len(r) - 1; n > 0; n-- {
		if t := strings.TrimRight(string(r[:n]), " ") + "…"; textWidth(t) <= width {
			return t
		}
	}
	return "…"
}

// niceStep picks the axis step from steps that gives at most max ticks.
func niceStep(extent float64, max int, steps []float64) float64 {
	for _, s := range steps {
		if extent/s <= float64(max) {
			return s
		}
	}
	return math.Ceil(extent / float64(max))
}

// timelineInput is what the call timeline is drawn from.
type timelineInput struct {
	Segments  []analyze.Segment
	Timed     bool
	Flags     []analyze.Flag
	Monologue int // turn index of the longest monologue, -1 for none
}

// Timeline geometry.
const (
	tlWidth = 1000.0
	tlLeft  = 178.0
	tlRight = 14.0
	tlLaneH = 24.0
	tlGap   = 6.0
	tlTop   = 8.0
)

// timelineChart draws who spoke when, one lane per speaker, with a lane of
// marks per flag kind above them. Every mark links to #turn-N.
func timelineChart(in timelineInput) chart {
	c := chart{Width: tlWidth, Class: "timeline", Interactive: true}
	extent := 1.0
	for _, s := range in.Segments {
		extent = math.Max(extent, s.End)
	}
	plotW := tlWidth - tlLeft - tlRight
	x := func(v float64) float64 { return tlLeft + math.Max(0, math.Min(v, extent))/extent*plotW }
	byTurn := map[int]analyze.Segment{}
	for _, s := range in.Segments {
		if _, ok := byTurn[s.Turn]; !ok {
			byTurn[s.Turn] = s
		}
	}
	y := tlTop
	lane := func(label, title, class string) float64 {
		top := y
		c.Rects = append(c.Rects, svgRect{X: tlLeft, Y: top, W: plotW, H: tlLaneH, Class: "lane"})
		c.Texts = append(c.Texts, svgText{X: tlLeft - 10, Y: top + tlLaneH/2 + 4.5, Text: fit(label, tlLeft-16), Title: title, Anchor: "end", Class: "lane-label " + class})
		y += tlLaneH + tlGap
		return top
	}
	marks := 0
	for _, k := range analyze.Kinds {
		var f *analyze.Flag
		for i := range in.Flags {
			if in.Flags[i].Kind == k {
				f = &in.Flags[i]
				break
			}
		}
		if f == nil || len(f.Evidence) == 0 {
			continue
		}
		top := -1.0
		for _, ev := range f.Evidence {
			seg, ok := byTurn[ev.Turn]
			if !ok {
				continue
			}
			if top < 0 {
				top = lane(kindLabel(k), kindLabel(k)+" evidence", kindClass(k))
			}
			where := "turn " + fmt.Sprint(ev.Turn+1)
			if in.Timed {
				where = mmss(seg.Start) + ", " + where
			}
			c.Marks = append(c.Marks, svgMark{
				X: x(seg.Start) + 1, Y: top + tlLaneH/2, Class: kindClass(k), Href: turnAnchor(ev.Turn),
				Label: fmt.Sprintf("%s (%s) at %s: %s", kindLabel(k), f.Severity, where, shorten(ev.Quote, 80)),
			})
			marks++
		}
	}
	if marks > 0 {
		y += 4
	}
	var speakers []string
	laneOf := map[string]float64{}
	for _, s := range in.Segments {
		if _, ok := laneOf[s.Speaker]; ok {
			continue
		}
		speakers = append(speakers, s.Speaker)
		role := roleName(s.Role)
		laneOf[s.Speaker] = lane(s.Speaker, s.Speaker+" ("+role+")", "role-"+roleClass(s.Role))
	}
	for _, s := range in.Segments {
		top := laneOf[s.Speaker]
		w := math.Max(x(s.End)-x(s.Start), 1.5)
		r := svgRect{X: x(s.Start), Y: top + 3, W: w, H: tlLaneH - 6, Class: "seg role-" + roleClass(s.Role),
			Title: s.Speaker + ", turn " + strconv.Itoa(s.Turn+1) + ": " + span(s.Start, s.End, in.Timed) + " (" + strconv.Itoa(s.Words) + " words)"}
		c.Rects = append(c.Rects, r)
		if s.Turn == in.Monologue {
			m := svgRect{X: r.X - 1.5, Y: top, W: r.W + 3, H: tlLaneH, Class: "monologue", Href: turnAnchor(s.Turn),
				Title: "Longest monologue: " + r.Title, Label: "Longest monologue, " + s.Speaker + ", " + span(s.Start, s.End, in.Timed)}
			c.Rects = append(c.Rects, m)
		}
	}
	// Axis with ticks in minutes:seconds or in words.
	axisY := y + 2
	c.Lines = append(c.Lines, svgLine{X1: tlLeft, Y1: axisY, X2: tlWidth - tlRight, Y2: axisY, Class: "axis"})
	steps := []float64{10, 20, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000}
	if in.Timed {
		steps = []float64{5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600}
	}
	step := niceStep(extent, 10, steps)
	for v := 0.0; v <= extent+1e-9; v += step {
		label := fmt.Sprintf("%.0f", v)
		if in.Timed {
			label = mmss(v)
		}
		c.Lines = append(c.Lines, svgLine{X1: x(v), Y1: axisY, X2: x(v), Y2: axisY + 5, Class: "axis"})
		c.Texts = append(c.Texts, svgText{X: x(v), Y: axisY + 18, Text: label, Anchor: "middle", Class: "tick"})
	}
	unit := "words"
	if in.Timed {
		unit = "mm:ss"
	}
	c.Texts = append(c.Texts, svgText{X: tlLeft - 10, Y: axisY + 4, Text: unit, Anchor: "end", Class: "tick unit"})
	c.Height = axisY + 28
	c.Title = fmt.Sprintf("Timeline: %d speakers over %s, %d flag marks", len(speakers), extentText(extent, in.Timed), marks)
	c.Desc = "Each bar is one turn in its speaker's lane; the outlined bar is the longest monologue; each dot above is a flag's evidence and links to the quote in the transcript."
	return c
}

// span formats a segment's extent in time or word offsets.
func span(start, end float64, timed bool) string {
	if timed {
		return mmss(start) + "–" + mmss(end)
	}
	return fmt.Sprintf("words %.0f–%.0f", start, end)
}

// extentText formats a timeline's length.
func extentText(v float64, timed bool) string {
	if timed {
		return mmss(v)
	}
	return fmt.Sprintf("%.0f words", v)
}

// kindCount is how many reported calls carry one flag kind, by severity.
type kindCount struct {
	Kind              analyze.Kind
	High, Medium, Low int
}

// Bar chart geometry shared by the batch charts.
const (
	barLeft  = 190.0
	barWidth = 1000.0
	barRowH  = 30.0
)

// kindsChart draws, per flag kind, the share of reported calls that carry
// it, split by severity.
func kindsChart(counts []kindCount, reported int) chart {
	c := chart{Width: barWidth, Class: "bars"}
	plotW := barWidth - barLeft - 190
	den := math.Max(float64(reported), 1)
	y := 8.0
	for _, kc := range counts {
		c.Texts = append(c.Texts, svgText{X: barLeft - 12, Y: y + 17, Text: kindLabel(kc.Kind), Anchor: "end", Class: "bar-label"})
		c.Rects = append(c.Rects, svgRect{X: barLeft, Y: y + 3, W: plotW, H: barRowH - 10, Class: "track"})
		x := barLeft
		for _, part := range []struct {
			n   int
			sev analyze.Severity
		}{{kc.High, analyze.High}, {kc.Medium, analyze.Medium}, {kc.Low, analyze.Low}} {
			if part.n == 0 {
				continue
			}
			w := float64(part.n) / den * plotW
			c.Rects = append(c.Rects, svgRect{X: x, Y: y + 3, W: w, H: barRowH - 10, Class: "sev-fill-" + string(part.sev),
				Title: fmt.Sprintf("%s: %d %s", kindLabel(kc.Kind), part.n, part.sev)})
			x += w
		}
		total := kc.High + kc.Medium + kc.Low
		c.Texts = append(c.Texts, svgText{X: barLeft + plotW + 10, Y: y + 17, Text: fmt.Sprintf("%d of %d calls (%s)", total, reported, percent(float64(total)/den)), Class: "bar-value"})
		y += barRowH
	}
	c.Height = y + 6
	c.Title = "Flagged calls per kind, split by severity"
	var parts []string
	for _, kc := range counts {
		parts = append(parts, fmt.Sprintf("%s %d (%d high, %d medium, %d low)", kindLabel(kc.Kind), kc.High+kc.Medium+kc.Low, kc.High, kc.Medium, kc.Low))
	}
	c.Desc = fmt.Sprintf("Of %d reported calls: %s.", reported, strings.Join(parts, "; "))
	return c
}

// repsChart draws each rep's flag rate per kind as small multiples: one
// panel per kind, one bar per rep, with the team's rate as a dashed line.
func repsChart(reps []repRollup, team repRollup) chart {
	c := chart{Width: barWidth, Class: "bars reps"}
	left := 210.0
	panelW := (barWidth - left - 10) / float64(len(analyze.Kinds))
	head := 26.0
	rowH := 24.0
	for i, k := range analyze.Kinds {
		px := left + float64(i)*panelW
		c.Texts = append(c.Texts, svgText{X: px + 6, Y: 16, Text: kindLabel(k), Class: "panel-head " + kindClass(k)})
	}
	for r, rep := range reps {
		y := head + float64(r)*rowH
		c.Texts = append(c.Texts, svgText{X: left - 12, Y: y + 16, Text: fit(rep.Name, left-18), Title: rep.Name, Anchor: "end", Class: "bar-label"})
		for i, k := range analyze.Kinds {
			px := left + float64(i)*panelW + 6
			w := panelW - 62
			rate := rep.Rate(k)
			c.Rects = append(c.Rects, svgRect{X: px, Y: y + 4, W: w, H: rowH - 8, Class: "track"})
			if rate > 0 {
				c.Rects = append(c.Rects, svgRect{X: px, Y: y + 4, W: math.Max(rate*w, 2), H: rowH - 8, Class: "fill " + kindClass(k),
					Title: fmt.Sprintf("%s, %s: %s of %d calls", rep.Name, kindLabel(k), percent(rate), rep.Calls)})
			}
			c.Texts = append(c.Texts, svgText{X: px + w + 6, Y: y + 16, Text: percent(rate), Class: "bar-value"})
		}
	}
	bottom := head + float64(len(reps))*rowH
	for i, k := range analyze.Kinds {
		px := left + float64(i)*panelW + 6
		tx := px + team.Rate(k)*(panelW-62)
		c.Lines = append(c.Lines, svgLine{X1: tx, Y1: head, X2: tx, Y2: bottom, Class: "team-line"})
	}
	c.Height = bottom + 8
	c.Title = "Flag rates per rep and kind"
	var parts []string
	for _, rep := range reps {
		var rates []string
		for _, k := range analyze.Kinds {
			rates = append(rates, kindLabel(k)+" "+percent(rep.Rate(k)))
		}
		parts = append(parts, rep.Name+": "+strings.Join(rates, ", "))
	}
	c.Desc = strings.Join(parts, "; ")
	return c
}

// trustTerm is one row of the trust-equation graphic.
type trustTerm struct {
	Name, Letter, Hint string
	Term               analyze.Term
	Lower              bool // lower is better (self-orientation)
}

// trustChart draws the four trust-equation terms as bars on a 1..10 scale.
func trustChart(terms []trustTerm) chart {
	c := chart{Width: 640, Class: "trust-bars"}
	left, plotW, rowH := 150.0, 420.0, 30.0
	x := func(v float64) float64 { return left + (math.Max(1, math.Min(v, 10))-1)/9*plotW }
	top := 10.0
	for v := 1.0; v <= 10; v++ {
		c.Lines = append(c.Lines, svgLine{X1: x(v), Y1: top, X2: x(v), Y2: top + rowH*float64(len(terms)), Class: "grid"})
	}
	var parts []string
	for i, t := range terms {
		y := top + float64(i)*rowH
		c.Texts = append(c.Texts, svgText{X: left - 12, Y: y + 19, Text: t.Name, Anchor: "end", Class: "bar-label"})
		cls := "fill trust-good"
		if t.Lower {
			cls = "fill trust-self"
		}
		c.Rects = append(c.Rects, svgRect{X: left, Y: y + 6, W: math.Max(x(t.Term.Score)-left, 3), H: rowH - 12, Class: cls,
			Title: fmt.Sprintf("%s: %s of 10", t.Name, score1(t.Term.Score))})
		c.Texts = append(c.Texts, svgText{X: left + plotW + 10, Y: y + 19, Text: score1(t.Term.Score), Class: "bar-value strong"})
		parts = append(parts, fmt.Sprintf("%s %s", t.Name, score1(t.Term.Score)))
	}
	axisY := top + rowH*float64(len(terms)) + 4
	for _, v := range []float64{1, 5, 10} {
		c.Texts = append(c.Texts, svgText{X: x(v), Y: axisY + 12, Text: fmt.Sprintf("%.0f", v), Anchor: "middle", Class: "tick"})
	}
	c.Height = axisY + 18
	c.Title = "Trust-equation terms on a 1 to 10 scale"
	c.Desc = strings.Join(parts, ", ") + "; self-orientation is better when lower."
	return c
}
