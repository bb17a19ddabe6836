package main

import (
	"context"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/alicebob/miniredis/v2"
	"github.com/calltrust/calltrust/analyze"
	"github.com/calltrust/calltrust/queue"
	"github.com/calltrust/calltrust/worker"
	"github.com/hibiken/asynq"
	"github.com/schollz/progressbar/v3"
)

func runRun(e *env, args []string) error {
	fs := newFlags(e, "run", "DIR|s3://...", "Enqueue every transcript under the source and work the batch to the end in this process, with the same worker code production runs. Redis is embedded unless --redis is given.")
	var reports string
	fs.StringVar(&reports, "reports", "reports", "where the reports go: a folder or s3://bucket/prefix/")
	fs.StringVar(&reports, "out", "reports", "alias of --reports")
	redisURL := fs.String("redis", "", "Redis URL ("+queue.RedisURLForms+"); empty runs an embedded Redis for this run only")
	redisCA := addRedisCAFlag(fs)
	batch := fs.String("batch", "", "batch ID (default: the source folder's name)")
	concurrency := fs.Int("concurrency", runtime.NumCPU(), "calls analyzed at once")
	noProgress := fs.Bool("no-progress", false, "no progress bar (there is none unless stderr is a terminal)")
	wf := addWorkFlags(fs, "error")
	tf := addTaskFlags(fs)
	storeOpts := addStoreFlags(fs)
	pos, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("run takes one source (a folder or s3://bucket/prefix/), got %d arguments", len(pos))
	}
	if *concurrency < 1 {
		return usageErr("--concurrency must be at least 1")
	}
	b := queue.Batch{ID: *batch, Source: storeURL(pos[0]), Reports: storeURL(reports)}
	if b.ID == "" {
		b.ID = defaultBatchID(pos[0])
	}
	if err := queue.CheckBatchID(b.ID); err != nil {
		return usageErr("--batch: %v", err)
	}
	if err := checkSource(b.Source); err != nil {
		return err
	}
	log, err := wf.logger(e)
	if err != nil {
		return err
	}

	start := time.Now()
	ctx, stop := signalContext()
	defer stop()
	var conn asynq.RedisConnOpt
	var book *queue.Book
	if *redisURL == "" {
		mr := miniredis.NewMiniRedis()
		if err := mr.Start(); err != nil {
			return fmt.Errorf("start embedded redis: %w", err)
		}
		defer mr.Close()
		conn = asynq.RedisClientOpt{Addr: mr.Addr(), PoolSize: queue.DefaultPoolSize}
		rdb, err := queue.NewRedisClient(conn)
		if err != nil {
			return err
		}
		book = queue.NewBook(rdb)
	} else if conn, book, err = openRedisCA(*redisURL, *redisCA); err != nil {
		return err
	} else if err := checkRedis(ctx, book, *redisURL); err != nil {
		book.Close()
		return err
	}
	defer book.Close()
	h, closeH, err := wf.handler(conn, book, *storeOpts, *tf.queue, log)
	if err != nil {
		return err
	}
	defer closeH()

	res, err := worker.EnqueueBatch(ctx, h.Enqueuer, h.Stores, b, tf.options())
	if err != nil {
		return err
	}
	if res.Calls == 0 {
		return fmt.Errorf("no transcripts (.vtt .srt .json .txt .md .docx) under %s: %d objects skipped", b.Source, res.Skipped)
	}
	if res.Enqueued == 0 && *redisURL != "" {
		fmt.Fprintf(e.stderr, "nothing new enqueued: every transcript of batch %s was already enqueued; waiting for the batch to finish\n", b.ID)
	}
	srv := worker.NewServer(conn, worker.ServerConfig{Concurrency: *concurrency, Queue: *tf.queue, PollInterval: 20 * time.Millisecond, Log: log})
	if err := srv.Start(h.Mux()); err != nil {
		return fmt.Errorf("start worker: %w", err)
	}
	bar := newBar(e, res.Calls, *noProgress)
	var prog queue.Progress
	// Redis may go away for a while (a restart, a failover): every read of
	// it below is retried until it has failed for --timeout.
	outage := &redisOutage{e: e, limit: *tf.timeout}
	werr := waitFor(ctx, 50*time.Millisecond, func() (bool, error) {
		var p queue.Progress
		err := outage.retry(ctx, "read progress", func() (err error) {
			p, err = book.Progress(ctx, b.ID)
			return err
		})
		if err != nil {
			return false, err
		}
		prog = p
		if bar != nil {
			bar.Set(p.Done + p.Failed)
		}
		return p.Complete(), nil
	})
	stop() // a second interrupt ends the process at once
	srv.Shutdown()
	if bar != nil {
		bar.Finish()
		fmt.Fprintln(e.stderr)
	}
	if werr != nil {
		if errors.Is(werr, context.Canceled) {
			return fmt.Errorf("interrupted: %d of %d calls finished; reports so far are in %s", prog.Done+prog.Failed, prog.Calls, joinLocation(b.Reports, b.ID))
		}
		return werr
	}
	// ctx ended with stop(); the summary gets a context of its own.
	sctx := context.Background()
	var s *worker.Summary
	var p queue.Progress
	if err := outage.retry(sctx, "read progress", func() (err error) {
		p, err = book.Progress(sctx, b.ID)
		return err
	}); err != nil {
		return err
	}
	if !p.NeedsSummary() {
		if st, err := h.Stores.Open(sctx, b.Reports); err == nil {
			s, _, _ = worker.LoadSummary(sctx, st, b.ID)
		}
	}
	if s == nil {
		if err := outage.retry(sctx, "write the summary", func() (err error) {
			s, err = h.Summarize(sctx, b.ID)
			return err
		}); err != nil {
			return err
		}
	}
	printRunSummary(e, s, b, time.Since(start))
	return nil
}

// defaultBatchID names a run's batch after its source folder.
func defaultBatchID(src string) string {
	name := path.Base(strings.TrimRight(filepath.ToSlash(src), "/"))
	var b strings.Builder
	for _, r := range name {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	id := strings.TrimLeft(b.String(), ".-")
	if id == "" {
		return "batch"
	}
	return id
}

// newBar returns a progress bar on stderr when it is a terminal, else nil.
func newBar(e *env, total int, off bool) *progressbar.ProgressBar {
	if off || !worker.IsTerminal(e.stderr) {
		return nil
	}
	return progressbar.NewOptions(total,
		progressbar.OptionSetWriter(e.stderr),
		progressbar.OptionSetDescription("calls"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("calls"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
	)
}

// printRunSummary prints what a run did: calls, flags per kind, failures
// with reasons, time taken and where the reports are.
func printRunSummary(e *env, s *worker.Summary, b queue.Batch, took time.Duration) {
	w := e.stdout
	rate := float64(s.Reported+s.Failed) / took.Seconds()
	fmt.Fprintf(w, "batch %s: %d calls in %s (%.1f calls/s)\n", s.Batch, s.Calls, took.Round(10*time.Millisecond), rate)
	fmt.Fprintf(w, "  reported: %d, flagged: %d, failed: %d", s.Reported, s.Flagged, s.Failed)
	if s.Skipped > 0 {
		fmt.Fprintf(w, ", skipped: %d (not transcripts)", s.Skipped)
	}
	fmt.Fprintln(w)
	var kinds []string
	for _, k := range analyze.Kinds {
		if n := s.FlaggedByKind[k]; n > 0 {
			kinds = append(kinds, fmt.Sprintf("%s %d", k, n))
		}
	}
	if len(kinds) > 0 {
		fmt.Fprintf(w, "  flagged by kind: %s\n", strings.Join(kinds, ", "))
	}
	if len(s.Failures) > 0 {
		fmt.Fprintln(w, "failures:")
		fails := append([]worker.Failure(nil), s.Failures...)
		sort.Slice(fails, func(i, j int) bool { return fails[i].Call < fails[j].Call })
		for _, f := range fails {
			fmt.Fprintf(w, "  %s: %s\n", printable(f.Call), printable(f.Reason))
		}
	}
	for _, warn := range s.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warn)
	}
	fmt.Fprintf(w, "reports: %s\n", joinLocation(b.Reports, b.ID, worker.IndexHTML))
}

// printable quotes s, Go style, when it holds control characters, so that
// a hostile object key cannot send escape sequences to a terminal.
func printable(s string) string {
	if strings.ContainsFunc(s, unicode.IsControl) {
		return strconv.Quote(s)
	}
	return s
}

// joinLocation joins a store location and keys for display.
func joinLocation(base string, parts ...string) string {
	if strings.Contains(base, "://") {
		return strings.TrimRight(base, "/") + "/" + strings.Join(parts, "/")
	}
	if wd, err := filepath.Abs("."); err == nil {
		if rel, err := filepath.Rel(wd, base); err == nil && !strings.HasPrefix(rel, "..") {
			base = rel
		}
	}
	return filepath.Join(append([]string{base}, parts...)...)
}

// redisOutage retries what a command asks of Redis while Redis is away
// (restarting, failing over), for at most limit from the first failure,
// waiting longer after each failure (100 ms doubling up to 2 s). It says
// once on stderr that it waits, and once that Redis is back.
type redisOutage struct {
	e     *env
	limit time.Duration
	since time.Time // start of the current outage; zero when none
}

// retry runs fn until it succeeds, ctx ends, it fails with an error no
// wait mends (a batch Redis does not know), or the outage has lasted
// limit.
func (o *redisOutage) retry(ctx context.Context, what string, fn func() error) error {
	wait := 100 * time.Millisecond
	for {
		err := fn()
		if err == nil {
			if !o.since.IsZero() {
				fmt.Fprintf(o.e.stderr, "redis answers again after %s\n", time.Since(o.since).Round(100*time.Millisecond))
				o.since = time.Time{}
			}
			return nil
		}
		if errors.Is(err, queue.ErrNoBatch) || ctx.Err() != nil {
			return err
		}
		if o.since.IsZero() {
			o.since = time.Now()
			fmt.Fprintf(o.e.stderr, "%s: %v; retrying for up to %s (--timeout)\n", what, err, o.limit)
		}
		if time.Since(o.since)+wait > o.limit {
			return fmt.Errorf("%s: redis did not answer for %s (--timeout): %w", what, o.limit, err)
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
		wait = min(2*wait, 2*time.Second)
	}
}
