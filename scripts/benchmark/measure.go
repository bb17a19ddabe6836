package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/calltrust/calltrust/analyze"
	"github.com/calltrust/calltrust/analyze/transcript"
	"github.com/calltrust/calltrust/lexicons"
)

// input is one transcript held in memory: its bytes and its sidecar's.
type input struct {
	name     string
	data     []byte
	sidecar  []byte // nil without one
	minutes  int
	format   string   // the format Parse detected
	turns    []string // the parsed turns' text, for the tokenizer
	textSize int64    // bytes of turn text
	// tokenizeTook is how long the tokenizer took on this call and
	// parseTook how long its last parse took; tokenize1 and parse1 are
	// those of the fastest one-core round of the tokenizer and of
	// analyze.
	tokenizeTook, parseTook, tokenize1, parse1 time.Duration
}

// load reads files of the corpus into memory and parses them once
// (untimed) for their turn text. A transcript that does not parse fails
// the benchmark, as one that does not analyze does later: the corpus must
// be all good calls.
func load(dir string, files []corpusFile) ([]input, error) {
	out := make([]input, len(files))
	for i, f := range files {
		p := filepath.Join(dir, f.Key)
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		in := input{name: f.Key, data: data, minutes: f.Minutes}
		if b, err := os.ReadFile(p + transcript.MetaSuffix); err == nil {
			in.sidecar = b
		}
		c, err := in.parse()
		if err != nil {
			return nil, err
		}
		in.format = c.Format
		for _, t := range c.Turns {
			in.turns = append(in.turns, t.Text)
			in.textSize += int64(len(t.Text))
		}
		out[i] = in
	}
	return out, nil
}

// parse reads the call and applies its sidecar, as the worker does.
func (in *input) parse() (*analyze.Call, error) {
	c, err := transcript.Parse(in.name, in.data)
	if err != nil {
		return nil, err
	}
	if in.sidecar != nil {
		m, err := transcript.ParseMeta(in.name+transcript.MetaSuffix, in.sidecar)
		if err != nil {
			return nil, err
		}
		if err := c.ApplyMeta(m); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// analyze is the in-process work on one call: parse, apply the sidecar,
// analyze. It notes how long the parse took.
func (in *input) analyze(set *lexicons.Set) error {
	start := time.Now()
	c, err := in.parse()
	in.parseTook = time.Since(start)
	if err != nil {
		return err
	}
	if _, err := analyze.Analyze(c, set, analyze.Options{}); err != nil {
		return fmt.Errorf("%s: %w", in.name, err)
	}
	return nil
}

// tokenize is the floor: prose's tokens of every turn, the turns of the
// call in one pass of prose, as Analyze runs it. It notes how long that
// took.
func (in *input) tokenize() int {
	start := time.Now()
	n := 0
	for _, toks := range lexicons.TokensEach(in.turns) {
		n += len(toks)
	}
	in.tokenizeTook = time.Since(start)
	return n
}

// tokenizeByTurn is prose called once per turn, the way Analyze called
// it before it shared one pass over the call.
func (in *input) tokenizeByTurn() int {
	n := 0
	for _, t := range in.turns {
		n += len(lexicons.Tokens(t))
	}
	return n
}

// inProcess holds the in-process figures over the corpus.
type inProcess struct {
	calls                         int
	text                          int64 // bytes of turn text
	tokenizer, analyze1, analyzeN time.Duration
	// tokenizerByTurn is prose called once per turn, for comparison.
	tokenizerByTurn time.Duration
	cores           int
	// cpuN is the CPU time of the all-core steps, and othersN what other
	// processes of the machine used meanwhile.
	cpuN, othersN time.Duration
	// byFormat splits the one-core figures by the format of the calls.
	byFormat map[string]*formatCost
}

// formatCost is the one-core time spent on the calls of one format.
type formatCost struct {
	calls           int
	tokenize, parse time.Duration
}

// parse is the one-core time of Parse (with the sidecar) in analyze1.
func (r inProcess) parse() time.Duration {
	var d time.Duration
	for _, f := range r.byFormat {
		d += f.parse
	}
	return d
}

// measureInProcess times, chunk by chunk, the tokenizer on one core,
// analyze on one core and analyze on all cores over the same calls, and
// keeps the fastest of two rounds of each. The three alternate within
// each round, in an order that turns from round to round and chunk to
// chunk, so that load from other processes on a shared machine falls on
// all three alike; the fastest round is the one it slowed least, for
// the numerator and the denominator of each ratio alike.
func measureInProcess(dir string, files []corpusFile, set *lexicons.Set, chunk int) (inProcess, error) {
	r := inProcess{cores: runtime.NumCPU(), byFormat: map[string]*formatCost{}}
	for i := 0; i < len(files); i += chunk {
		ins, err := load(dir, files[i:min(i+chunk, len(files))])
		if err != nil {
			return r, err
		}
		for _, in := range ins {
			r.calls++
			r.text += in.textSize
		}
		var tokenizer, byTurn, analyze1, analyzeN, cpuN, othersN time.Duration
		steps := []func() error{
			func() error {
				d := oneCore(func() { forEach(ins, 1, func(in *input) { in.tokenize() }) })
				if tokenizer == 0 || d < tokenizer {
					tokenizer = d
					for i := range ins {
						ins[i].tokenize1 = ins[i].tokenizeTook
					}
				}
				d = oneCore(func() { forEach(ins, 1, func(in *input) { in.tokenizeByTurn() }) })
				if byTurn == 0 || d < byTurn {
					byTurn = d
				}
				return nil
			},
			func() error {
				var err error
				d := oneCore(func() { err = analyzeAll(ins, set, 1) })
				if analyze1 == 0 || d < analyze1 {
					analyze1 = d
					for i := range ins {
						ins[i].parse1 = ins[i].parseTook
					}
				}
				return err
			},
			func() error {
				cpu, machine, start := selfCPU(), machineCPU(), time.Now()
				err := analyzeAll(ins, set, r.cores)
				took, self := time.Since(start), selfCPU()-cpu
				if err != nil {
					return err
				}
				if analyzeN == 0 || took < analyzeN {
					analyzeN, cpuN, othersN = took, self, max(0, machineCPU()-machine-self)
				}
				return nil
			},
		}
		for round := range 2 {
			for k := range steps {
				if err := steps[(k+round+i/chunk)%len(steps)](); err != nil {
					return r, err
				}
			}
		}
		r.tokenizer += tokenizer
		r.tokenizerByTurn += byTurn
		r.analyze1 += analyze1
		r.analyzeN += analyzeN
		r.cpuN += cpuN
		r.othersN += othersN
		for _, in := range ins {
			f := r.byFormat[in.format]
			if f == nil {
				f = &formatCost{}
				r.byFormat[in.format] = f
			}
			f.calls++
			f.tokenize += in.tokenize1
			f.parse += in.parse1
		}
		runtime.GC()
	}
	return r, nil
}

// oneCore runs fn with GOMAXPROCS 1 (the collector included) and returns
// how long it took.
func oneCore(fn func()) time.Duration {
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	runtime.GC()
	start := time.Now()
	fn()
	return time.Since(start)
}

func analyzeAll(ins []input, set *lexicons.Set, workers int) error {
	var first atomic.Value
	forEach(ins, workers, func(in *input) {
		if err := in.analyze(set); err != nil {
			first.CompareAndSwap(nil, err)
		}
	})
	if err, ok := first.Load().(error); ok {
		return err
	}
	return nil
}

// forEach calls fn on every input from workers goroutines.
func forEach(ins []input, workers int, fn func(*input)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(ins) {
					return
				}
				fn(&ins[i])
			}
		})
	}
	wg.Wait()
}

// costs is the in-process time per call for calls of one length.
type cost struct {
	minutes int
	perCall time.Duration
	text    int64 // bytes of turn text per call
}

// measureCosts times Parse+Analyze on one core for calls of each length,
// n calls of every length in the corpus's mix of formats, best of three.
func measureCosts(dir string, lengths []int, n int, seed int64, set *lexicons.Set) ([]cost, error) {
	var out []cost
	for _, m := range lengths {
		g := newGenerator(seed + int64(m))
		var files []corpusFile
		for i, format := range formatsByShare(n) {
			f, err := g.writeCall(filepath.Join(dir, fmt.Sprintf("cost-%d", m)), fmt.Sprintf("cost-%d-%03d", m, i), m, format)
			if err != nil {
				return nil, err
			}
			files = append(files, f)
		}
		ins, err := load(filepath.Join(dir, fmt.Sprintf("cost-%d", m)), files)
		if err != nil {
			return nil, err
		}
		best := time.Duration(0)
		for range 3 {
			var err error
			d := oneCore(func() { err = analyzeAll(ins, set, 1) })
			if err != nil {
				return nil, err
			}
			if best == 0 || d < best {
				best = d
			}
		}
		var text int64
		for _, in := range ins {
			text += in.textSize
		}
		out = append(out, cost{minutes: m, perCall: best / time.Duration(n), text: text / int64(n)})
	}
	return out, nil
}

// selfCPU returns the CPU time this process has used.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
