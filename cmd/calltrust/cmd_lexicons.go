package main

import (
	"fmt"

	"github.com/calltrust/calltrust/analyze"
	"github.com/calltrust/calltrust/lexicons"
)

func runLexicons(e *env, args []string) error {
	fs := newFlags(e, "lexicons", "check|test|export DIR",
		"check validates a lexicon folder; test runs every entry's match and no_match examples through the detectors; export writes the built-in set into DIR to start a custom one.")
	pos, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageErr("usage: calltrust lexicons check|test|export DIR")
	}
	verb, dir := pos[0], pos[1]
	switch verb {
	case "export":
		if err := lexicons.Export(dir); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "wrote the built-in lexicons to %s\n", dir)
		return nil
	case "check", "test":
	default:
		return usageErr("unknown lexicons verb %q: want check, test or export", verb)
	}
	set, err := lexicons.LoadDir(dir)
	if err != nil {
		return err
	}
	entries := 0
	for _, f := range set.Files {
		entries += len(f.Entries)
	}
	if verb == "check" {
		fmt.Fprintf(e.stdout, "%s: %d files, %d entries, version %s: ok\n", dir, len(set.Files), entries, set.Version)
		return nil
	}
	fails, ran := analyze.TestLexicons(set)
	for _, f := range fails {
		fmt.Fprintln(e.stdout, "FAIL", f)
	}
	if len(fails) > 0 {
		return fmt.Errorf("%d of %d examples failed", len(fails), ran)
	}
	fmt.Fprintf(e.stdout, "%s: %d examples in %d entries passed\n", dir, ran, entries)
	return nil
}
