package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/calltrust/calltrust/analyze"
)

const evalSummary = "Score the detectors against labelled calls: per flag precision and recall with\n" +
	"90% Wilson intervals, then every disagreement and every call not read.\n" +
	"LABELS is a labels JSON (an array of {file, flags, not_flags, seller_speakers,\n" +
	"customer_speakers, traps, evidence, notes}; files relative to it; the calls are\n" +
	"analyzed here) or a batch's summary.csv with an expected_flags column (kinds\n" +
	"separated by \";\", empty = none; the batch's <call>.json reports are scored).\n" +
	"Exit status: 0 when every flag meets the thresholds, no trap was quoted and every\n" +
	"call was read; 1 otherwise, with one line saying what failed; 2 on usage errors\n" +
	"or labels that cannot be read or hold no call."

// evalResult is what eval prints, as text or as one JSON document.
type evalResult struct {
	Labels       string  `json:"labels"`
	MinPrecision float64 `json:"min_precision"`
	MinRecall    float64 `json:"min_recall"`
	// Unlabelled counts summary.csv rows without an expected_flags cell:
	// they are not scored.
	Unlabelled int      `json:"unlabelled_rows"`
	Passed     bool     `json:"passed"`
	Failures   []string `json:"failures"`
	analyze.Evaluation
}

func runEval(e *env, args []string) error {
	fs := newFlags(e, "eval", "LABELS", evalSummary)
	lexDir := fs.String("lexicons", "", "folder of lexicon YAML files replacing the built-in set (labels JSON only: a summary.csv is scored as its reports say)")
	minPrecision := fs.Float64("min-precision", 0, "fail (exit 1) when a flag's precision is below this (0..1)")
	minRecall := fs.Float64("min-recall", 0, "fail (exit 1) when a flag's recall is below this (0..1)")
	asJSON := fs.Bool("json", false, "print the evaluation as one JSON document")
	storeOpts := addReadStoreFlags(fs)
	pos, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("eval takes one LABELS file, got %d arguments", len(pos))
	}
	for name, v := range map[string]float64{"--min-precision": *minPrecision, "--min-recall": *minRecall} {
		if v < 0 || v > 1 {
			return usageErr("%s %g: want a share between 0 and 1", name, v)
		}
	}
	labels := pos[0]
	res := evalResult{Labels: labels, MinPrecision: *minPrecision, MinRecall: *minRecall}
	var calls []analyze.LabelledCall
	if isSummaryCSV(labels) {
		if *lexDir != "" {
			fmt.Fprintln(e.stderr, "calltrust eval: --lexicons is not used: a summary.csv is scored as its reports say")
		}
		ctx, stop := signalContext()
		defer stop()
		calls, res.Unlabelled, err = readSummaryCalls(ctx, labels, *storeOpts)
	} else {
		calls, err = labelledCalls(labels, *lexDir)
	}
	if err != nil {
		return err
	}
	if len(calls) == 0 {
		// Nothing scored must not pass a CI job by accident.
		return &exitError{code: 2, err: fmt.Errorf("%s: no labelled calls to score", labels)}
	}
	res.Evaluation = analyze.Evaluate(calls)
	res.Failures = res.Check(res.MinPrecision, res.MinRecall)
	res.Passed = len(res.Failures) == 0
	if res.Failures == nil {
		res.Failures = []string{}
	}
	if *asJSON {
		b, err := json.MarshalIndent(&res, "", "  ")
		if err != nil {
			return err
		}
		if _, err := e.stdout.Write(append(b, '\n')); err != nil {
			return err
		}
	} else if err := writeEval(e.stdout, &res); err != nil {
		return err
	}
	if !res.Passed {
		return &exitError{code: 1, err: errors.New("failed: " + strings.Join(res.Failures, "; "))}
	}
	return nil
}

// isSummaryCSV tells a batch's summary.csv from a labels JSON by its
// extension.
func isSummaryCSV(labels string) bool {
	return strings.EqualFold(filepath.Ext(labels), ".csv")
}

// labelledCalls reads a labels JSON and analyzes every call it names,
// with its sidecar, as `calltrust analyze` would with the label's roles.
// A labels file that cannot be read is a usage error (exit 2).
func labelledCalls(labels, lexDir string) ([]analyze.LabelledCall, error) {
	if strings.Contains(labels, "://") {
		return nil, usageErr("%s: a labels JSON is read from a folder; s3:// is for a batch's summary.csv", labels)
	}
	data, err := os.ReadFile(labels)
	if err != nil {
		return nil, &exitError{code: 2, err: fmt.Errorf("read labels: %w", err)}
	}
	ls, err := analyze.ParseLabels(labels, data)
	if err != nil {
		return nil, &exitError{code: 2, err: err}
	}
	set, err := loadLexicons(lexDir)
	if err != nil {
		return nil, &exitError{code: 2, err: err}
	}
	dir := filepath.Dir(labels)
	out := make([]analyze.LabelledCall, len(ls))
	parallel(len(ls), func(i int) {
		l := &ls[i]
		out[i].Label = *l
		c, err := readCall(filepath.Join(dir, filepath.FromSlash(l.File)))
		if err == nil {
			out[i].Report, err = analyze.AnalyzeLabelled(c, l, set)
		}
		if err != nil {
			out[i].Report, out[i].Err = nil, err.Error()
		}
	})
	return out, nil
}

// parallel runs fn(0..n-1) on as many goroutines as there are cores;
// fn writes its result at its own index, so the output keeps its order.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
