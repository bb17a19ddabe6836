package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/calltrust/calltrust/analyze"
	"github.com/calltrust/calltrust/analyze/transcript"
	"github.com/calltrust/calltrust/lexicons"
	"github.com/calltrust/calltrust/worker"
)

func runAnalyze(e *env, args []string) error {
	fs := newFlags(e, "analyze", "FILE", "Analyze one transcript and print its trust report.")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	var seller listFlag
	fs.Var(&seller, "seller", "comma-separated speaker names on the seller side (overrides the sidecar and inference)")
	practice := fs.Bool("practice", false, "analyze a one-speaker transcript as the rep's practice pitch")
	redact := fs.Bool("redact", false, "mask e-mail addresses, phone and card numbers in the report")
	lexDir := fs.String("lexicons", "", "folder of lexicon YAML files replacing the built-in set")
	pos, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("analyze takes one FILE, got %d arguments", len(pos))
	}
	set, err := loadLexicons(*lexDir)
	if err != nil {
		return err
	}
	c, err := readCall(pos[0])
	if err != nil {
		return err
	}
	r, err := analyze.Analyze(c, set, analyze.Options{Seller: seller, Practice: *practice, Redact: *redact})
	if err != nil {
		return err
	}
	if *asJSON {
		// The bytes a worker stores for the report.
		b, err := worker.MarshalReport(r)
		if err != nil {
			return err
		}
		_, err = e.stdout.Write(b)
		return err
	}
	return analyze.WriteText(e.stdout, r)
}

// loadLexicons returns the built-in set, or the set in dir.
func loadLexicons(dir string) (*lexicons.Set, error) {
	if dir == "" {
		return lexicons.Default(), nil
	}
	return lexicons.LoadDir(dir)
}

// readCall parses a transcript file and applies its sidecar when present.
func readCall(path string) (*analyze.Call, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	c, err := transcript.Parse(path, data)
	if err != nil {
		return nil, err
	}
	meta, err := os.ReadFile(path + transcript.MetaSuffix)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, err
	}
	m, err := transcript.ParseMeta(path+transcript.MetaSuffix, meta)
	if err != nil {
		return nil, err
	}
	if err := c.ApplyMeta(m); err != nil {
		return nil, fmt.Errorf("%s%s: %w", path, transcript.MetaSuffix, err)
	}
	return c, nil
}
