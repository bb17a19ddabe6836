package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/calltrust/calltrust/queue"
	"github.com/calltrust/calltrust/worker"
)

// measureRun times `calltrust run` with the embedded defaults over the
// corpus and checks that every call was reported.
func measureRun(bin, corpus, reports string, calls int, logDir string) (pipelineResult, error) {
	machine := machineCPU()
	out, took, cpu, err := runCommandCPU(bin, []string{"run", corpus, "--out", reports, "--batch", "bench-run", "--no-progress"},
		childEnv(), filepath.Join(logDir, "run.log"))
	res := pipelineResult{took: took, cpu: map[string]time.Duration{"run": cpu, "machine": machineCPU() - machine}}
	if err != nil {
		return res, err
	}
	want := fmt.Sprintf("reported: %d, flagged:", calls)
	if !bytes.Contains(out, []byte(want)) || !bytes.Contains(out, []byte("failed: 0")) {
		return res, fmt.Errorf("calltrust run did not report every call:\n%s", out)
	}
	return res, nil
}

// checkSummary reads a batch summary and wants every call reported.
func checkSummary(data []byte, calls int) error {
	var s worker.Summary
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	if s.Reported != calls || s.Failed != 0 {
		return fmt.Errorf("summary of %s: %d reported, %d failed, want %d reported", s.Batch, s.Reported, s.Failed, calls)
	}
	return nil
}

// uploadCorpus puts every file of the corpus (transcripts and sidecars)
// under prefix in bucket, eight at a time. It is set-up, not measured.
func uploadCorpus(ctx context.Context, m *minio, dir, bucket, prefix string) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	c := m.client()
	jobs := make(chan string)
	errs := make(chan error, 8)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for name := range jobs {
				b, err := os.ReadFile(filepath.Join(dir, name))
				if err == nil {
					_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(prefix + name), Body: bytes.NewReader(b)})
				}
				if err != nil {
					select {
					case errs <- fmt.Errorf("upload %s: %w", name, err):
					default:
					}
				}
			}
		})
	}
	for _, e := range ents {
		if !e.IsDir() {
			jobs <- e.Name()
		}
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

// pipelineResult is one enqueue-and-work run with a separate worker.
type pipelineResult struct {
	took time.Duration
	rss  int64
	// cpu is the CPU time each process spent while the batch ran.
	cpu map[string]time.Duration
}

// measurePipeline runs one `calltrust worker` against redis-server and
// MinIO, then times `calltrust enqueue` of the uploaded corpus until the
// batch summary is in the reports bucket.
func measurePipeline(ctx context.Context, bin string, r *redis, m *minio, calls int, logDir string) (pipelineResult, error) {
	var res pipelineResult
	if err := r.flush(); err != nil {
		return res, err
	}
	env := childEnv(m.env()...)
	w, err := startWorker(bin, r.URL(), 16, env, filepath.Join(logDir, "pipeline-worker.log"))
	if err != nil {
		return res, err
	}
	defer func() {
		if w != nil {
			w.stop()
		}
	}()
	meter := cpuMeter{}
	procs := map[string]int{"worker": w.cmd.Process.Pid, "MinIO": m.cmd.Process.Pid, "redis-server": r.cmd.Process.Pid}
	for name, pid := range procs {
		meter.start(name, pid)
	}
	machine := machineCPU()
	start := time.Now()
	_, enqTook, err := runCommand(bin, []string{"enqueue", "s3://bench/calls/", "--batch", "bench-pipeline", "--reports", "s3://bench/reports/", "--redis", r.URL()},
		env, filepath.Join(logDir, "pipeline-enqueue.log"))
	if err != nil {
		return res, err
	}
	key := "reports/bench-pipeline/" + worker.SummaryJSON
	s3c := m.client()
	if err := waitFor(time.Hour, "pipeline batch", func() bool { return exists(ctx, s3c, "bench", key) }); err != nil {
		return res, err
	}
	res.took = time.Since(start)
	for name, pid := range procs {
		meter.stop(name, pid)
	}
	res.cpu = meter.result()
	res.cpu["machine"] = machineCPU() - machine
	res.cpu["enqueue (wall)"] = enqTook
	res.rss = w.hwm()
	w.stop()
	w = nil
	obj, err := m.client().GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bench"), Key: aws.String(key)})
	if err != nil {
		return res, err
	}
	defer obj.Body.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(obj.Body); err != nil {
		return res, err
	}
	return res, checkSummary(buf.Bytes(), calls)
}

// rssResult is the worker's peak resident set while it analyzed the
// calls of a batch and at the end, with the batch summary written.
type rssResult struct {
	pipelineResult
	analyzing int64
	// firstHalf and secondHalf are the median resident set sampled while
	// the first (after its first round of calls) and the second half of
	// the calls were analyzed: memory that grows with the batch is larger
	// in the second.
	firstHalf, secondHalf int64
}

// measureWorkerRSS has one `calltrust worker` at the given concurrency work
// a batch of one-hour calls from a local folder into another, against
// redis-server, and returns the worker's peak resident set (when every
// call was recorded, and after the summary) and the time the batch took.
func measureWorkerRSS(ctx context.Context, bin string, r *redis, source, reports, batch string, calls, concurrency int, logDir string) (rssResult, error) {
	var res rssResult
	if err := r.flush(); err != nil {
		return res, err
	}
	conn, err := queue.ParseRedisURL(r.URL())
	if err != nil {
		return res, err
	}
	rdb, err := queue.NewRedisClient(conn)
	if err != nil {
		return res, err
	}
	book := queue.NewBook(rdb)
	defer book.Close()
	env := childEnv()
	w, err := startWorker(bin, r.URL(), concurrency, env, filepath.Join(logDir, batch+"-worker.log"))
	if err != nil {
		return res, err
	}
	defer func() {
		if w != nil {
			w.stop()
		}
	}()
	start := time.Now()
	if _, _, err := runCommand(bin, []string{"enqueue", source, "--batch", batch, "--reports", reports, "--redis", r.URL()},
		env, filepath.Join(logDir, batch+"-enqueue.log")); err != nil {
		return res, err
	}
	summary := filepath.Join(reports, batch, worker.SummaryJSON)
	lastPoll := time.Time{}
	var first, second []int64
	if err := waitFor(3*time.Hour, batch, func() bool {
		// The peak so far, while calls are still being analyzed: once
		// every call is recorded, what follows is the batch summary.
		if time.Since(lastPoll) > 100*time.Millisecond {
			lastPoll = time.Now()
			hwm := w.hwm()
			if p, err := book.Progress(ctx, batch); err == nil && (p.Calls == 0 || p.Done+p.Failed < p.Calls) {
				res.analyzing = hwm
				// Samples start once the first round of calls is in:
				// before that the worker is still warming up.
				switch n := p.Done + p.Failed; {
				case p.Calls == 0 || n < concurrency:
				case n*2 < p.Calls:
					first = append(first, w.rss())
				default:
					second = append(second, w.rss())
				}
			}
		}
		_, err := os.Stat(summary)
		return err == nil
	}); err != nil {
		return res, err
	}
	res.took = time.Since(start)
	res.rss = w.hwm()
	res.firstHalf, res.secondHalf = median(first), median(second)
	w.stop()
	w = nil
	data, err := os.ReadFile(summary)
	if err != nil {
		return res, err
	}
	return res, checkSummary(data, calls)
}

// linkCalls fills dir with n transcripts named hour-NNNNN, hard links to
// the files of pool (and their sidecars) in turn.
func linkCalls(poolDir string, pool []corpusFile, dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := range n {
		f := pool[i%len(pool)]
		src := filepath.Join(poolDir, f.Key)
		dst := filepath.Join(dir, fmt.Sprintf("hour-%05d%s", i, filepath.Ext(f.Key)))
		if err := os.Link(src, dst); err != nil {
			return err
		}
		if _, err := os.Stat(src + ".meta.json"); err == nil {
			if err := os.Link(src+".meta.json", dst+".meta.json"); err != nil {
				return err
			}
		}
	}
	return nil
}

// median returns the middle of samples, 0 for none.
func median(samples []int64) int64 {
	if len(samples) == 0 {
		return 0
	}
	slices.Sort(samples)
	return samples[len(samples)/2]
}
