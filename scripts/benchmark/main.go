// Command benchmark measures calltrust on a generated corpus of sales
// calls: the tokenizer floor, analyze in-process on one and all cores,
// `calltrust run`, a worker against redis-server and MinIO, enqueueing
// and listing, the worker's peak memory and the cost per call length. It
// prints one line per figure and, last, three ratio lines that scripts
// read. Run it through scripts/bench, which builds what it needs.
package main

import (
	"context"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/calltrust/calltrust/lexicons"
	"github.com/calltrust/calltrust/worker"
)

// stageNames are the measurements, in the order they run.
var stageNames = []string{"analyze", "cost", "run", "pipeline", "enqueue", "list", "rss"}

// config is what one run measures and how much.
type config struct {
	calls        int
	seed         int64
	quick        bool
	enqueueTasks int
	listObjects  int
	rssCalls     [2]int
	hourPool     int
	costCalls    int
	chunk        int
	bin          string
	dir          string
	only         map[string]bool
	cpuProfile   string
	memProfile   string
}

func main() {
	var c config
	quick := flag.Bool("quick", false, "a 200-call version with smaller enqueue, listing and memory figures, in under a minute")
	calls := flag.Int("calls", 0, "calls in the corpus (default 2000, 200 with --quick)")
	flag.Int64Var(&c.seed, "seed", 1, "seed of the generated corpus")
	flag.StringVar(&c.bin, "calltrust", "", "the calltrust binary to measure (scripts/bench builds it)")
	flag.StringVar(&c.dir, "dir", "", "working folder; default a temporary folder, removed at the end")
	only := flag.String("only", "", "comma-separated stages to run: analyze,cost,run,pipeline,enqueue,list,rss (default all)")
	flag.StringVar(&c.cpuProfile, "cpuprofile", "", "write a CPU profile of the in-process analyze stage to this file")
	flag.StringVar(&c.memProfile, "memprofile", "", "write an allocation profile of the in-process analyze stage to this file")
	flag.Parse()
	c.quick = *quick
	c.calls, c.enqueueTasks, c.listObjects, c.rssCalls, c.hourPool, c.costCalls, c.chunk = 2000, 100000, 100000, [2]int{1000, 10000}, 40, 10, 100
	if c.quick {
		c.calls, c.enqueueTasks, c.listObjects, c.rssCalls, c.hourPool, c.costCalls, c.chunk = 200, 10000, 10000, [2]int{20, 80}, 10, 5, 50
	}
	if *calls > 0 {
		c.calls = *calls
	}
	if *only != "" {
		c.only = map[string]bool{}
		for _, s := range strings.Split(*only, ",") {
			s = strings.TrimSpace(s)
			if !slices.Contains(stageNames, s) {
				fmt.Fprintf(os.Stderr, "bench: --only: unknown stage %q (stages: %s)\n", s, strings.Join(stageNames, ","))
				os.Exit(2)
			}
			c.only[s] = true
		}
	}
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func (c config) wants(stage string) bool { return c.only == nil || c.only[stage] }

// figure prints one result line.
func figure(format string, args ...any) { fmt.Printf(format+"\n", args...) }

// note prints progress on stderr.
func note(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}

// results are the figures the ratio lines are computed from.
type results struct {
	ip           inProcess
	runRes, pipe pipelineResult
}

func run(c config) error {
	needBin := c.wants("run") || c.wants("pipeline") || c.wants("rss")
	if needBin && c.bin == "" {
		return fmt.Errorf("--calltrust is required (scripts/bench builds it)")
	}
	if c.dir == "" {
		d, err := os.MkdirTemp("", "calltrust-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		c.dir = d
	}
	// The corpus and the servers start from empty folders, also when --dir
	// is reused.
	for _, d := range []string{"corpus", "redis", "minio"} {
		if err := os.RemoveAll(filepath.Join(c.dir, d)); err != nil {
			return err
		}
	}
	logs := filepath.Join(c.dir, "logs")
	if err := os.MkdirAll(logs, 0o755); err != nil {
		return err
	}
	corpus := filepath.Join(c.dir, "corpus")
	note("writing %d calls to %s", c.calls, corpus)
	files, err := writeCorpus(corpus, c.calls, c.seed)
	if err != nil {
		return err
	}
	printCorpus(c, files)
	// The in-process stages collect garbage as the calltrust binary does,
	// so that analyze, run and the worker are measured alike.
	worker.TuneGC(os.Getenv)
	pct := debug.SetGCPercent(-1)
	debug.SetGCPercent(pct)
	env := os.Getenv("GOGC")
	if env == "" {
		env = "unset"
	}
	figure("garbage collector: GOGC=%d for the in-process stages, as the calltrust binary runs (GOGC in the environment: %s)", pct, env)

	s := &stages{config: c, ctx: context.Background(), set: lexicons.Default(), corpus: corpus, files: files, logs: logs}
	steps := []struct {
		name string
		fn   func() error
	}{
		{"analyze", s.analyze}, {"cost", s.cost}, {"run", s.run}, {"pipeline", s.pipeline},
		{"enqueue", s.enqueue}, {"list", s.list}, {"rss", s.rss},
	}
	defer s.stopServers()
	for _, st := range steps {
		if c.wants(st.name) {
			if err := st.fn(); err != nil {
				return fmt.Errorf("%s: %w", st.name, err)
			}
		}
	}
	s.ratios()
	return nil
}

// ratio is calls/s over took against the analyze all-core calls/s.
func ratio(took time.Duration, calls int, analyzeN float64) float64 {
	if took <= 0 || analyzeN <= 0 {
		return 0
	}
	return float64(calls) / took.Seconds() / analyzeN
}

func quickNote(c config) string {
	if c.quick {
		return " [--quick: smaller count]"
	}
	return ""
}

// printCorpus prints the corpus line.
func printCorpus(c config, files []corpusFile) {
	var bytes int64
	minutes := 0
	exts := map[string]int{}
	for _, f := range files {
		bytes += f.Bytes
		minutes += f.Minutes
		exts[filepath.Ext(f.Key)]++
	}
	var parts []string
	for _, e := range slices.Sorted(maps.Keys(exts)) {
		parts = append(parts, fmt.Sprintf("%s %d", e, exts[e]))
	}
	figure("corpus: %d calls (seed %d), 5 to 90 minutes (mean %.1f), ~%d words/minute, %s of files (%s)",
		len(files), c.seed, float64(minutes)/float64(len(files)), wordsPerMinute, mbytes(bytes), strings.Join(parts, ", "))
}

func startProfile(path string) (func(), error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

func writeMemProfile(path string) error {
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return pprof.Lookup("allocs").WriteTo(f, 0)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func secs(d time.Duration) string { return fmt.Sprintf("%.2fs", d.Seconds()) }

func mbytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }
