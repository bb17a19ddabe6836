package main

import (
	"context"
	"crypto/x509"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/calltrust/calltrust/queue"
	"github.com/calltrust/calltrust/worker"
	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
)

// defaultRedis is where the commands look for Redis without --redis.
const defaultRedis = "redis://127.0.0.1:6379/0"

func runEnqueue(e *env, args []string) error {
	fs := newFlags(e, "enqueue", "DIR|s3://...", "List a source and enqueue one call:analyze task per transcript. Rerunning the same batch within --retention enqueues nothing new.")
	batch := fs.String("batch", "", "batch ID, e.g. nightly-2026-11-21 (required)")
	redisURL := fs.String("redis", defaultRedis, redisFlagHelp)
	redisCA := addRedisCAFlag(fs)
	reports := fs.String("reports", "", "where the reports go: s3://bucket/prefix/ or a folder (required)")
	tf := addTaskFlags(fs)
	storeOpts := addStoreFlags(fs)
	pos, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("enqueue takes one source (a folder or s3://bucket/prefix/), got %d arguments", len(pos))
	}
	if *reports == "" {
		return usageErr("--reports is required")
	}
	if err := queue.CheckBatchID(*batch); err != nil {
		return usageErr("--batch: %v", err)
	}
	b := queue.Batch{ID: *batch, Source: storeURL(pos[0]), Reports: storeURL(*reports)}
	if err := checkSource(b.Source); err != nil {
		return err
	}
	ctx, stop := signalContext()
	defer stop()
	conn, book, err := openRedisCA(*redisURL, *redisCA)
	if err != nil {
		return err
	}
	defer book.Close()
	if err := checkRedis(ctx, book, *redisURL); err != nil {
		return err
	}
	if err := checkReadable(ctx, b.Source, *storeOpts); err != nil {
		return err
	}
	if err := checkWritable(ctx, b.Reports, *storeOpts); err != nil {
		return err
	}
	client := asynq.NewClient(conn)
	defer client.Close()
	start := time.Now()
	res, err := worker.EnqueueBatch(ctx, queue.NewEnqueuer(client, book), worker.NewStores(*storeOpts), b, tf.options())
	if err != nil {
		return err
	}
	printEnqueued(e, b, res, time.Since(start))
	return nil
}

// printEnqueued says what an enqueue run did.
func printEnqueued(e *env, b queue.Batch, res queue.Result, took time.Duration) {
	fmt.Fprintf(e.stdout, "batch %s: %d objects listed under %s in %s\n", b.ID, res.Listed, b.Source, took.Round(time.Millisecond))
	fmt.Fprintf(e.stdout, "  enqueued:         %d\n", res.Enqueued)
	fmt.Fprintf(e.stdout, "  already enqueued: %d\n", res.AlreadyEnqueued)
	fmt.Fprintf(e.stdout, "  skipped:          %d (not transcripts)\n", res.Skipped)
	if res.Sidecars > 0 {
		fmt.Fprintf(e.stdout, "  sidecars:         %d (.meta.json, read with their transcripts)\n", res.Sidecars)
	}
	if res.Enqueued == 0 {
		if res.AlreadyEnqueued > 0 {
			fmt.Fprintf(e.stdout, "nothing new enqueued: every transcript of batch %s was already enqueued\n", b.ID)
		} else {
			fmt.Fprintf(e.stdout, "nothing enqueued: no transcripts (.vtt .srt .json .txt .md .docx) under %s\n", b.Source)
		}
	}
	if res.Summarize {
		fmt.Fprintf(e.stdout, "every call of batch %s had finished: its summary is being written\n", b.ID)
	}
}

// taskFlags are the settings of a batch's tasks.
type taskFlags struct {
	queue     *string
	maxRetry  *int
	timeout   *time.Duration
	retention *time.Duration
	workers   *int
}

// addTaskFlags registers --queue, --max-retry, --timeout, --retention and
// --enqueue-workers.
func addTaskFlags(fs *flag.FlagSet) *taskFlags {
	d := queue.DefaultOptions()
	return &taskFlags{
		queue:     fs.String("queue", d.Queue, "asynq queue the tasks go to"),
		maxRetry:  fs.Int("max-retry", d.MaxRetry, "retries of a transient failure before the call is recorded as failed"),
		timeout:   fs.Duration("timeout", d.Timeout, "time limit of one attempt at one call"),
		retention: fs.Duration("retention", d.Retention, "how long a finished task's ID stays taken, so a rerun within it is a no-op"),
		workers:   fs.Int("enqueue-workers", d.Workers, "enqueue calls made at once"),
	}
}

func (t *taskFlags) options() queue.Options {
	return queue.Options{Queue: *t.queue, MaxRetry: *t.maxRetry, Timeout: *t.timeout, Retention: *t.retention, Workers: *t.workers}
}

// redisFlagHelp is the help of every --redis flag.
const redisFlagHelp = "Redis URL: " + queue.RedisURLForms

// openRedis parses a Redis URL (any form queue.ParseRedis reads) and opens
// the batch bookkeeping on it.
func openRedis(url string) (asynq.RedisConnOpt, *queue.Book, error) {
	return openRedisCA(url, "")
}

// addRedisCAFlag registers --redis-ca.
func addRedisCAFlag(fs *flag.FlagSet) *string {
	return fs.String("redis-ca", "", "PEM file of the CA that signed the Redis server's certificate, for rediss:// URLs (empty: the system's CAs, or SSL_CERT_FILE)")
}

// openRedisCA is openRedis with the TLS certificates of a rediss:// URL
// (rediss-sentinel://, rediss-cluster://) checked against the CAs in the
// PEM file caFile ("" for the system's).
func openRedisCA(url, caFile string) (asynq.RedisConnOpt, *queue.Book, error) {
	conn, err := parseRedisCA(url, caFile)
	if err != nil {
		return nil, nil, err
	}
	redisLogOnce.Do(func() { redis.SetLogger(quietRedisLog{}) })
	rdb, err := queue.NewRedisClient(conn)
	if err != nil {
		return conn, nil, err
	}
	return conn, queue.NewBook(rdb), nil
}

// quietRedisLog drops go-redis's own messages (a sentinel naming the
// master it found, a dropped connection), which it would print as plain
// text on stderr; what matters reaches the commands as errors. A worker's
// server later takes them into its JSON log instead.
type quietRedisLog struct{}

func (quietRedisLog) Printf(context.Context, string, ...any) {}

var redisLogOnce sync.Once

// parseRedisCA parses a Redis URL and sets the CAs of caFile on its TLS
// settings.
func parseRedisCA(url, caFile string) (asynq.RedisConnOpt, error) {
	conn, err := queue.ParseRedis(url)
	if err != nil {
		return nil, usageErr("--redis: %v", err)
	}
	if caFile != "" {
		tlsConf := queue.RedisTLS(conn)
		if tlsConf == nil {
			return nil, usageErr("--redis-ca is for TLS: use a rediss:// URL")
		}
		pool, err := loadCAs(caFile)
		if err != nil {
			return nil, usageErr("--redis-ca: %v", err)
		}
		tlsConf.RootCAs = pool
	}
	return conn, nil
}

// loadCAs reads a PEM file of CA certificates into a pool.
func loadCAs(file string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("%s: no PEM certificate in it", file)
	}
	return pool, nil
}

// storeURL makes a folder absolute, so that workers started elsewhere
// find it; S3 URLs are kept as they are.
func storeURL(s string) string {
	if strings.Contains(s, "://") {
		return s
	}
	if abs, err := filepath.Abs(s); err == nil {
		return abs
	}
	return s
}

// checkSource refuses a source folder that does not exist, which would
// otherwise list as an empty batch.
func checkSource(src string) error {
	if strings.Contains(src, "://") && !strings.HasPrefix(src, "file://") {
		return nil
	}
	fi, err := os.Stat(strings.TrimPrefix(src, "file://"))
	if err != nil {
		return fmt.Errorf("source: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("source %s is not a folder", src)
	}
	return nil
}

// signalContext is cancelled by SIGINT or SIGTERM.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}
