package main

import (
	"fmt"
	"maps"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// wordsPerMinute is the speaking rate of the generated calls.
const wordsPerMinute = 150

// spec is one generated call before it is written in a format.
type spec struct {
	ID        string
	Rep       string
	Customers []string
	Account   string
	Date      string
	CallType  string
	Minutes   int
	Turns     []specTurn
}

// specTurn is one turn of a generated call; times are in seconds.
type specTurn struct {
	Speaker    string
	Seller     bool
	Start, End float64
	Sentences  []string
}

// Text is the turn's text: its sentences joined by spaces.
func (t specTurn) Text() string { return strings.Join(t.Sentences, " ") }

// persona is how a seller runs a call: how long their turns are and which
// kinds of sentences they reach for.
type persona struct {
	name string
	// sellerMin and sellerMax bound the sentences of a seller turn;
	// monologue is the chance of a long one (8 to 16 sentences).
	sellerMin, sellerMax int
	monologue            float64
	// customerMax bounds the sentences of a customer turn.
	customerMax                int
	pitch, over, honest, probe float64
}

var personas = []persona{
	{name: "consultative", sellerMin: 1, sellerMax: 3, monologue: 0.02, customerMax: 4, pitch: 0.5, over: 0.1, honest: 2, probe: 3},
	{name: "pitcher", sellerMin: 2, sellerMax: 6, monologue: 0.12, customerMax: 2, pitch: 5, over: 0.6, honest: 0.3, probe: 0.2},
	{name: "overpromiser", sellerMin: 1, sellerMax: 4, monologue: 0.05, customerMax: 3, pitch: 2, over: 3, honest: 0.3, probe: 0.5},
	{name: "mixed", sellerMin: 1, sellerMax: 4, monologue: 0.05, customerMax: 3, pitch: 1.5, over: 0.6, honest: 1, probe: 1},
}

var callTypes = []string{"discovery", "demo", "follow_up", "cold", "closing"}

// generator makes calls from a seeded random source.
type generator struct {
	rng *rand.Rand
}

func newGenerator(seed int64) *generator { return &generator{rng: rand.New(rand.NewSource(seed))} }

func (g *generator) pick(xs []string) string { return xs[g.rng.Intn(len(xs))] }

func (g *generator) name() string { return g.pick(firstNames) + " " + g.pick(lastNames) }

// call generates a call of about minutes minutes at wordsPerMinute.
func (g *generator) call(id string, minutes int) *spec {
	s := &spec{ID: id, Rep: g.name(), Account: g.pick(accounts), Minutes: minutes,
		Date: fmt.Sprintf("2026-11-%02d", 1+g.rng.Intn(20)), CallType: g.pick(callTypes)}
	for n := 1 + boolInt(g.rng.Float64() < 0.25); len(s.Customers) < n; {
		if c := g.name(); c != s.Rep && (len(s.Customers) == 0 || c != s.Customers[0]) {
			s.Customers = append(s.Customers, c)
		}
	}
	p := personas[g.rng.Intn(len(personas))]
	target := minutes * wordsPerMinute
	target += int(float64(target) * (g.rng.Float64()*0.2 - 0.1))
	vars := map[string]string{"rep": strings.Fields(s.Rep)[0], "cust": strings.Fields(s.Customers[0])[0]}
	for _, k := range slices.Sorted(maps.Keys(slots)) {
		vars[k] = g.pick(slots[k])
	}
	words, at, seller, sellerTurns := 0, 0.0, true, 0
	for words < target {
		frac := float64(words) / float64(target)
		var sents []string
		speaker := s.Rep
		if seller {
			sents = g.sellerTurn(p, frac, sellerTurns, vars)
			sellerTurns++
		} else {
			speaker = s.Customers[g.rng.Intn(len(s.Customers))]
			sents = g.customerTurn(p, frac, sellerTurns == 1, vars)
		}
		n := 0
		for _, x := range sents {
			n += len(strings.Fields(x))
		}
		d := float64(n) * 60 / wordsPerMinute
		at += 0.2 + g.rng.Float64()*0.8
		s.Turns = append(s.Turns, specTurn{Speaker: speaker, Seller: seller, Start: round3(at), End: round3(at + d), Sentences: sents})
		at += d
		words += n
		// Speakers mostly alternate; now and then one goes on after a pause.
		if g.rng.Float64() > 0.08 {
			seller = !seller
		}
		// Refresh one slot now and then so a call moves between topics.
		if g.rng.Intn(6) == 0 {
			k := slotNames[g.rng.Intn(len(slotNames))]
			vars[k] = g.pick(slots[k])
		}
	}
	return s
}

// slotNames are the slots refreshed during a call.
var slotNames = []string{"industry", "pain", "sites", "task", "topic", "problem", "problem2", "team", "feature", "competitor", "system", "person", "report", "day", "outcome", "outcome2", "n", "v"}

// weighted is a kind of sentence and how likely it is.
type weighted struct {
	kind string
	w    float64
}

func (g *generator) choose(ws []weighted) string {
	total := 0.0
	for _, w := range ws {
		total += w.w
	}
	x := g.rng.Float64() * total
	for _, w := range ws {
		if x -= w.w; x < 0 {
			return w.kind
		}
	}
	return ws[len(ws)-1].kind
}

// sellerTurn makes the sentences of a seller turn at position frac of the
// call; the first two seller turns open it.
func (g *generator) sellerTurn(p persona, frac float64, nth int, vars map[string]string) []string {
	switch nth {
	case 0:
		out := []string{g.fill(sellerPhrases["greet"], vars)}
		if g.rng.Float64() < 0.6 {
			out = append(out, g.fill(sellerPhrases["reason"], vars))
		} else {
			out = append(out, g.fill(sellerPhrases["weak"], vars))
		}
		return out
	case 1:
		return []string{g.fill(sellerPhrases["open"], vars)}
	}
	var ws []weighted
	switch {
	case frac < 0.35:
		ws = []weighted{{"open", 4}, {"closed", 2}, {"ack", 3}, {"you", 1}, {"pitch", p.pitch * 0.5}, {"story", p.pitch * 0.1}, {"probe", p.probe * 0.3}}
	case frac < 0.7:
		ws = []weighted{{"pitch", p.pitch}, {"you", 2}, {"answer", 2}, {"over", p.over}, {"honest", p.honest}, {"contract", 0.4}, {"open", 1}, {"ack", 1}, {"story", p.pitch * 0.1}}
	case frac < 0.88:
		ws = []weighted{{"probe", p.probe}, {"honest", p.honest}, {"over", p.over}, {"answer", 2}, {"ack", 2}, {"contract", 0.4}, {"pitch", p.pitch * 0.3}}
	default:
		ws = []weighted{{"next", 4}, {"ack", 2}, {"over", p.over * 0.3}, {"probe", p.probe * 0.3}}
	}
	n := p.sellerMin + g.rng.Intn(p.sellerMax-p.sellerMin+1)
	if g.rng.Float64() < p.monologue {
		n = 8 + g.rng.Intn(9)
	}
	out := make([]string, n)
	for i := range out {
		out[i] = g.fill(sellerPhrases[g.choose(ws)], vars)
	}
	return out
}

// customerTurn makes the sentences of a customer turn.
func (g *generator) customerTurn(p persona, frac float64, first bool, vars map[string]string) []string {
	if first {
		return []string{g.fill(customerPhrases["greet"], vars)}
	}
	var ws []weighted
	quiet := 4 / float64(p.customerMax) // terse buyers acknowledge more
	switch {
	case frac < 0.35:
		ws = []weighted{{"pain", 4}, {"answer", 4}, {"ack", 2 * quiet}, {"small", 0.3}}
	case frac < 0.7:
		ws = []weighted{{"ack", 4 * quiet}, {"request", 1.5}, {"ask", 2}, {"agree", 1}, {"concern", 0.5 + p.probe*0.3}}
	case frac < 0.88:
		ws = []weighted{{"concern", 0.5 + p.probe*0.5}, {"stall", 1.5 / (1 + p.probe*0.3)}, {"ask", 1}, {"ack", 2 * quiet}}
	default:
		ws = []weighted{{"agree", 2}, {"stall", 1.5 / (1 + p.probe*0.3)}, {"ack", 2}}
	}
	n := 1 + g.rng.Intn(p.customerMax)
	out := make([]string, n)
	for i := range out {
		out[i] = g.fill(customerPhrases[g.choose(ws)], vars)
	}
	return out
}

// fill picks a sentence and fills its slots.
func (g *generator) fill(pool []string, vars map[string]string) string {
	s := g.pick(pool)
	for strings.IndexByte(s, '{') >= 0 {
		i := strings.IndexByte(s, '{')
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		k := s[i+1 : i+j]
		v, ok := vars[k]
		if !ok {
			v = k
		}
		s = s[:i] + v + s[i+j+1:]
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func round3(v float64) float64 { return float64(int64(v*1000+0.5)) / 1000 }

// corpusFile is a written transcript.
type corpusFile struct {
	Key     string // path relative to the corpus folder
	Minutes int
	Bytes   int64
}

// formatShare is how often each format occurs in the corpus.
var formatShare = []struct {
	format string
	share  float64
}{
	{"vtt", 0.30}, {"srt", 0.20}, {"txt", 0.25}, {"calltrust-json", 0.15}, {"transcribe-json", 0.10},
}

// pickFormat draws a format by formatShare.
func (g *generator) pickFormat() string {
	x := g.rng.Float64()
	for _, f := range formatShare {
		if x -= f.share; x < 0 {
			return f.format
		}
	}
	return formatShare[0].format
}

// formatsByShare returns n formats in the proportions of formatShare
// (largest remainders), interleaved, for the small sets of calls where a
// random draw would stray from them.
func formatsByShare(n int) []string {
	counts := make([]int, len(formatShare))
	rems := make([]float64, len(formatShare))
	left := n
	for i, f := range formatShare {
		x := f.share * float64(n)
		counts[i] = int(x)
		rems[i] = x - float64(counts[i])
		left -= counts[i]
	}
	for ; left > 0; left-- {
		best := 0
		for i := range rems {
			if rems[i] > rems[best] {
				best = i
			}
		}
		counts[best]++
		rems[best] = -1
	}
	var out []string
	for len(out) < n {
		for i, f := range formatShare {
			if counts[i] > 0 {
				out = append(out, f.format)
				counts[i]--
			}
		}
	}
	return out
}

// writeCorpus writes n calls of 5 to 90 minutes into dir, in the formats
// of formatShare, with sidecars for some of them.
func writeCorpus(dir string, n int, seed int64) ([]corpusFile, error) {
	g := newGenerator(seed)
	var out []corpusFile
	for i := range n {
		minutes := 5 + g.rng.Intn(86)
		f, err := g.writeCall(dir, fmt.Sprintf("call-%05d", i+1), minutes, g.pickFormat())
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// writeCall generates one call and writes it (and maybe its sidecar).
func (g *generator) writeCall(dir, id string, minutes int, format string) (corpusFile, error) {
	s := g.call(id, minutes)
	data, ext, sidecar := render(g, s, format)
	key := id + "-" + slug(s.Account) + ext
	path := filepath.Join(dir, key)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return corpusFile{}, err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return corpusFile{}, err
	}
	if sidecar != nil {
		if err := os.WriteFile(path+".meta.json", sidecar, 0o644); err != nil {
			return corpusFile{}, err
		}
	}
	return corpusFile{Key: key, Minutes: minutes, Bytes: int64(len(data))}, nil
}

func slug(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, " ", "-"))
}
