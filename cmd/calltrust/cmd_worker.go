package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/calltrust/calltrust/queue"
	"github.com/calltrust/calltrust/worker"
	"github.com/hibiken/asynq"
	"github.com/rs/zerolog"
)

func runWorker(e *env, args []string) error {
	fs := newFlags(e, "worker", "", "Work call:analyze, batch:enqueue and batch:summarize tasks from Redis until SIGTERM or SIGINT, then finish or hand back the tasks in flight.")
	redisURL := fs.String("redis", defaultRedis, redisFlagHelp)
	redisCA := addRedisCAFlag(fs)
	concurrency := fs.Int("concurrency", 16, "tasks processed at once")
	shutdown := fs.Duration("shutdown-timeout", worker.DefaultShutdownTimeout, "on SIGTERM, how long in-flight tasks may finish before they go back to the queue")
	metricsAddr := fs.String("metrics-addr", "", "serve /metrics (Prometheus) and /healthz on this address, e.g. 127.0.0.1:9090 (off when empty)")
	queueName := fs.String("queue", queue.DefaultQueue, "asynq queue to work")
	wf := addWorkFlags(fs, "info")
	storeOpts := addStoreFlags(fs)
	pos, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usageErr("worker takes no arguments, got %q", pos)
	}
	if *concurrency < 1 {
		return usageErr("--concurrency must be at least 1")
	}
	log, err := wf.logger(e)
	if err != nil {
		return err
	}
	conn, book, err := openRedisCA(*redisURL, *redisCA)
	if err != nil {
		return err
	}
	defer book.Close()
	ctx, stop := signalContext()
	defer stop()
	// The buckets come with each task; Redis is checked here.
	if err := checkRedis(ctx, book, *redisURL); err != nil {
		return err
	}
	h, closeH, err := wf.handler(conn, book, *storeOpts, *queueName, log)
	if err != nil {
		return err
	}
	defer closeH()
	if *metricsAddr != "" {
		ins := asynq.NewInspector(conn)
		defer ins.Close()
		h.Metrics = worker.NewMetrics(ins)
		addr, err := worker.ServeMetrics(ctx, *metricsAddr, h.Metrics.Handler(book.Ping))
		if err != nil {
			return err
		}
		log.Info().Str("addr", addr).Msg("serving /metrics and /healthz")
	}
	srv := worker.NewServer(conn, worker.ServerConfig{Concurrency: *concurrency, Queue: *queueName, ShutdownTimeout: *shutdown, Log: log})
	if err := srv.Start(h.Mux()); err != nil {
		return fmt.Errorf("start worker: %w", err)
	}
	log.Info().Int("concurrency", *concurrency).Str("queue", *queueName).Str("lexicons", h.Lexicons.Version).Msg("worker started")
	<-ctx.Done()
	stop() // a second signal ends the process at once
	log.Info().Str("shutdown_timeout", shutdown.String()).Msg("stopping: finishing the tasks in flight")
	srv.Shutdown()
	log.Info().Msg("worker stopped")
	return nil
}

// workFlags are the settings of the code that processes tasks, shared by
// worker and run.
type workFlags struct {
	lexicons *string
	maxBytes *int64
	maxTurns *int
	logLevel *string
	redact   *bool
	trends   *int
}

// addWorkFlags registers --lexicons, --max-bytes, --max-turns,
// --log-level (with its default level), --redact and --trend-batches.
func addWorkFlags(fs *flag.FlagSet, level string) *workFlags {
	return &workFlags{
		lexicons: fs.String("lexicons", "", "folder of lexicon YAML files replacing the built-in set"),
		maxBytes: fs.Int64("max-bytes", worker.DefaultMaxBytes, "size cap on one transcript, in bytes; larger ones fail without being read. The calls analyzed at once weigh at most this much together, which bounds memory"),
		maxTurns: fs.Int("max-turns", worker.DefaultMaxTurns, "most turns a call may have; calls with more fail"),
		logLevel: fs.String("log-level", level, "debug, info, warn or error"),
		redact:   fs.Bool("redact", false, "mask e-mail addresses, phone numbers and card-like numbers in every text the reports carry"),
		trends:   fs.Int("trend-batches", 30, "how many of the latest batches <reports>/trends/ covers, rebuilt when a batch finishes"),
	}
}

// logger makes the process logger on stderr: JSON, or the console format
// on a terminal.
func (w *workFlags) logger(e *env) (zerolog.Logger, error) {
	log, err := worker.NewLogger(e.stderr, *w.logLevel, worker.IsTerminal(e.stderr))
	if err != nil {
		return log, usageErr("--log-level: %v", err)
	}
	return log, nil
}

// handler builds the task handler and what it needs; the returned func
// releases it.
func (w *workFlags) handler(conn asynq.RedisConnOpt, book *queue.Book, opts worker.StoreOptions, queueName string, log zerolog.Logger) (*worker.Handler, func(), error) {
	set, err := loadLexicons(*w.lexicons)
	if err != nil {
		return nil, nil, fmt.Errorf("--lexicons: %w", err)
	}
	if *w.maxBytes <= 0 {
		return nil, nil, usageErr("--max-bytes must be positive")
	}
	if *w.maxTurns <= 0 {
		return nil, nil, usageErr("--max-turns must be positive")
	}
	if *w.trends <= 0 {
		return nil, nil, usageErr("--trend-batches must be positive")
	}
	client := asynq.NewClient(conn)
	h := &worker.Handler{
		Book:         book,
		Enqueuer:     queue.NewEnqueuer(client, book),
		Stores:       worker.NewStores(opts),
		Lexicons:     set,
		MaxBytes:     *w.maxBytes,
		MaxTurns:     *w.maxTurns,
		Redact:       *w.redact,
		TrendBatches: *w.trends,
		Queue:        queueName,
		Log:          log,
	}
	return h, func() { client.Close() }, nil
}

// waitFor polls cond every interval until it holds or ctx ends.
func waitFor(ctx context.Context, interval time.Duration, cond func() (bool, error)) error {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		ok, err := cond()
		if err != nil || ok {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}
