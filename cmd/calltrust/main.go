// Command calltrust flags trust problems in sales-call transcripts: one
// call at a time (analyze) or whole batches through an Asynq queue (run,
// enqueue, worker), with reports written to S3 or a folder.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/calltrust/calltrust/worker"
)

var commands = []command{
	{"analyze", "FILE", "Analyze one transcript and print its trust report (text, or JSON with --json).", runAnalyze},
	{"lexicons", "check|test|export DIR", "Validate a lexicon folder, run its examples, or write the built-in set out.", runLexicons},
	{"run", "DIR|s3://...", "Enqueue a batch and work it to the end in one process (embedded Redis unless --redis).", runRun},
	{"worker", "", "Work call:analyze tasks from Redis until SIGTERM or SIGINT.", runWorker},
	{"enqueue", "DIR|s3://...", "List a source and enqueue one task per transcript (what a nightly scheduler calls).", runEnqueue},
	{"schedule", "DIR|s3://...", "Enqueue the source periodically with a cron spec ({date} in the source is the previous day).", runSchedule},
	{"upload", "FILES... s3://...|DIR", "Check transcripts parse and upload them with their sidecars.", runUpload},
	{"report", "", "Print a batch's flagged calls worst first (--csv writes the CSV).", runReport},
	{"status", "", "Print a batch's pending, done and failed counts.", runStatus},
	{"serve", "", "Serve the reports store read-only over HTTP: batches, pages and trends (loopback unless access is controlled).", runServe},
	{"eval", "LABELS", "Score the detectors against labelled calls or a labelled summary.csv (precision, recall).", runEval},
}

func main() {
	worker.TuneGC(os.Getenv)
	os.Exit(run(stdEnv(), os.Args[1:]))
}

// run dispatches to a command and turns its error into an exit code.
func run(e *env, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			return run(e, []string{args[1], "--help"})
		}
		usage(e)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(e, args[1:])
		if err == nil {
			return 0
		}
		var xe *exitError
		if errors.As(err, &xe) {
			if xe.code == 0 {
				return 0
			}
			fmt.Fprintf(e.stderr, "calltrust %s: %v\n", c.name, err)
			return xe.code
		}
		fmt.Fprintf(e.stderr, "calltrust %s: %v\n", c.name, err)
		return 1
	}
	fmt.Fprintf(e.stderr, "calltrust: unknown command %q\n\n", args[0])
	usage(e)
	return 2
}

func usage(e *env) {
	fmt.Fprintln(e.stderr, "usage: calltrust COMMAND [flags] [args]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(e.stderr, "  %-9s %-24s %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprintln(e.stderr, "\n`calltrust help COMMAND` lists a command's flags and their CALLTRUST_ variables.")
}
