package main

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/calltrust/calltrust/lexicons"
)

// stages runs the measurements on one corpus and prints their figures.
type stages struct {
	config
	ctx    context.Context
	set    *lexicons.Set
	corpus string
	files  []corpusFile
	logs   string
	redis  *redis
	results
}

// startRedis starts redis-server once for the stages that need it.
func (s *stages) startRedis() error {
	if s.redis != nil {
		return nil
	}
	r, err := startRedis(filepath.Join(s.dir, "redis"))
	s.redis = r
	return err
}

func (s *stages) stopServers() {
	if s.redis != nil {
		s.redis.stop()
	}
}

// others is the share of the machine other processes used over a
// stretch of wall time.
func others(cpu, wall time.Duration) string {
	return fmt.Sprintf("%.0f%%", 100*cpu.Seconds()/(wall.Seconds()*float64(runtime.NumCPU())))
}

func perCall(d time.Duration, calls int) string {
	return fmt.Sprintf("%.1f", ms(d)/float64(calls))
}

func (s *stages) analyze() error {
	note("tokenizer and analyze in-process")
	stopProfile, err := startProfile(s.cpuProfile)
	if err != nil {
		return err
	}
	ip, err := measureInProcess(s.corpus, s.files, s.set, s.chunk)
	stopProfile()
	if err != nil {
		return err
	}
	if err := writeMemProfile(s.memProfile); err != nil {
		return err
	}
	s.ip = ip
	mb := float64(ip.text) / 1e6
	calls := float64(ip.calls)
	figure("tokenizer (lexicons.TokensEach: every turn of a call in one pass of prose, as analyze runs it), 1 core: %.2f MB/s of turn text, %.1f calls/s", mb/ip.tokenizer.Seconds(), calls/ip.tokenizer.Seconds())
	figure("tokenizer called once per turn (lexicons.Tokens), 1 core: %.2f MB/s of turn text; one pass per call is %.1fx as fast", mb/ip.tokenizerByTurn.Seconds(), ip.tokenizerByTurn.Seconds()/ip.tokenizer.Seconds())
	figure("analyze (Parse+Analyze, no I/O), 1 core: %.2f MB/s of turn text, %.1f calls/s", mb/ip.analyze1.Seconds(), calls/ip.analyze1.Seconds())
	figure("analyze (Parse+Analyze, no I/O), %d cores: %.2f MB/s of turn text, %.1f calls/s; %s CPU-ms per call; other processes used %s of the machine meanwhile",
		ip.cores, mb/ip.analyzeN.Seconds(), calls/ip.analyzeN.Seconds(), perCall(ip.cpuN, ip.calls), others(ip.othersN, ip.analyzeN))
	parse := ip.parse()
	figure("analyze split, 1 core: Parse %.0f%% of the time, Analyze %.0f%%; Analyze alone runs at %.2f of the tokenizer's throughput",
		100*parse.Seconds()/ip.analyze1.Seconds(), 100*(1-parse.Seconds()/ip.analyze1.Seconds()), ip.tokenizer.Seconds()/(ip.analyze1-parse).Seconds())
	var parts []string
	for _, name := range slices.Sorted(maps.Keys(ip.byFormat)) {
		f := ip.byFormat[name]
		parts = append(parts, fmt.Sprintf("%s %.1f ms (x%.2f)", name, ms(f.parse)/float64(f.calls), f.parse.Seconds()/f.tokenize.Seconds()))
	}
	figure("parse per call by format, 1 core (x its own tokenization): %s", strings.Join(parts, ", "))
	return nil
}

func (s *stages) cost() error {
	note("cost per call length")
	costs, err := measureCosts(filepath.Join(s.dir, "cost"), []int{5, 30, 90}, s.costCalls, s.seed, s.set)
	if err != nil {
		return err
	}
	base := costs[0].perCall.Seconds() / float64(costs[0].minutes)
	for _, k := range costs {
		per := k.perCall.Seconds() / float64(k.minutes)
		figure("cost of a %d-minute call (%d KB of turn text), Parse+Analyze, 1 core: %.1f ms/call, %.2f ms per call minute (x%.2f the 5-minute rate)",
			k.minutes, k.text>>10, ms(k.perCall), per*1000, per/base)
	}
	return nil
}

func (s *stages) run() error {
	note("calltrust run")
	out := filepath.Join(s.dir, "run-reports")
	_ = os.RemoveAll(out)
	res, err := measureRun(s.bin, s.corpus, out, s.calls, s.logs)
	if err != nil {
		return err
	}
	s.runRes = res
	figure("run (calltrust run, embedded Redis, folder store, concurrency %d): %d calls in %s, %.1f calls/s; %s CPU-ms per call; other processes used %s of the machine meanwhile",
		runtime.NumCPU(), s.calls, secs(res.took), float64(s.calls)/res.took.Seconds(), perCall(res.cpu["run"], s.calls),
		others(max(0, res.cpu["machine"]-res.cpu["run"]), res.took))
	return os.RemoveAll(out)
}

func (s *stages) pipeline() error {
	if err := s.startRedis(); err != nil {
		return err
	}
	note("starting MinIO and uploading the corpus (not timed)")
	m, err := startMinio(filepath.Join(s.dir, "minio"))
	if err != nil {
		return err
	}
	defer m.stop()
	if err := m.createBucket(s.ctx, "bench"); err != nil {
		return err
	}
	if err := uploadCorpus(s.ctx, m, s.corpus, "bench", "calls/"); err != nil {
		return err
	}
	note("enqueue + worker against redis-server and MinIO")
	p, err := measurePipeline(s.ctx, s.bin, s.redis, m, s.calls, s.logs)
	if err != nil {
		return err
	}
	s.pipe = p
	ours := p.cpu["worker"] + p.cpu["MinIO"] + p.cpu["redis-server"]
	figure("pipeline (calltrust enqueue + 1 calltrust worker, concurrency 16, redis-server + MinIO): %d calls in %s, %.1f calls/s; worker peak RSS %s",
		s.calls, secs(p.took), float64(s.calls)/p.took.Seconds(), mbytes(p.rss))
	figure("pipeline CPU per call: worker %s ms, MinIO %s ms, redis-server %s ms; other processes used %s of the machine meanwhile",
		perCall(p.cpu["worker"], s.calls), perCall(p.cpu["MinIO"], s.calls), perCall(p.cpu["redis-server"], s.calls),
		others(max(0, p.cpu["machine"]-ours), p.took))
	return nil
}

func (s *stages) enqueue() error {
	if err := s.startRedis(); err != nil {
		return err
	}
	note("enqueueing %d tasks", s.enqueueTasks)
	e, err := measureEnqueue(s.ctx, s.redis, s.enqueueTasks)
	if err != nil {
		return err
	}
	figure("enqueue %d tasks (queue.Enqueuer, the enqueue command's code and defaults, redis-server, listing not timed)%s: %s, %.0f tasks/s",
		s.enqueueTasks, quickNote(s.config), secs(e.first), float64(e.enqueued)/e.first.Seconds())
	figure("enqueue the same %d tasks again (task-ID dedup): 0 new, %d already enqueued, %s, %.0f tasks/s",
		s.enqueueTasks, e.duplicates, secs(e.rerun), float64(e.duplicates)/e.rerun.Seconds())
	return nil
}

func (s *stages) list() error {
	note("listing %d objects", s.listObjects)
	dir := filepath.Join(s.dir, "listing")
	_ = os.RemoveAll(dir)
	took, err := measureListing(s.ctx, dir, s.listObjects)
	if err != nil {
		return err
	}
	figure("list %d objects (local folder of tiny files in 100 folders, LocalStore.List)%s: %s, %.0f objects/s",
		s.listObjects, quickNote(s.config), secs(took), float64(s.listObjects)/took.Seconds())
	return os.RemoveAll(dir)
}

func (s *stages) rss() error {
	if err := s.startRedis(); err != nil {
		return err
	}
	pool := filepath.Join(s.dir, "hours")
	_ = os.RemoveAll(pool)
	g := newGenerator(s.seed + 60)
	var hours []corpusFile
	for i, format := range formatsByShare(s.hourPool) {
		f, err := g.writeCall(pool, fmt.Sprintf("hour-%03d", i), 60, format)
		if err != nil {
			return err
		}
		hours = append(hours, f)
	}
	var last pipelineResult
	for _, n := range s.rssCalls {
		note("worker memory on %d one-hour calls", n)
		src := filepath.Join(s.dir, fmt.Sprintf("rss-%d", n))
		out := src + "-reports"
		_ = os.RemoveAll(src)
		_ = os.RemoveAll(out)
		if err := linkCalls(pool, hours, src, n); err != nil {
			return err
		}
		res, err := measureWorkerRSS(s.ctx, s.bin, s.redis, src, out, fmt.Sprintf("bench-rss-%d", n), n, 16, s.logs)
		if err != nil {
			return err
		}
		medians := "too few calls for the median RSS of each half"
		if res.firstHalf > 0 && res.secondHalf > 0 {
			medians = fmt.Sprintf("median RSS %s over the first half of the calls, %s over the second", mbytes(res.firstHalf), mbytes(res.secondHalf))
		}
		figure("worker peak RSS, concurrency 16, %d one-hour calls (%d distinct, folder store, redis-server)%s: %s while analyzing, %s with the batch summary; %s (%s, %.1f calls/s)",
			n, len(hours), quickNote(s.config), mbytes(res.analyzing), mbytes(res.rss), medians, secs(res.took), float64(n)/res.took.Seconds())
		last = res.pipelineResult
		_ = os.RemoveAll(src)
		_ = os.RemoveAll(out)
	}
	perHour := last.took.Seconds() / float64(s.rssCalls[len(s.rssCalls)-1])
	figure("projection: 100000 one-hour calls in %.1f h with one worker on this machine (from the %d-call batch)",
		perHour*100000/3600, s.rssCalls[len(s.rssCalls)-1])
	return nil
}

// ratios prints the CPU-time view of the ratios and, last, the three
// ratio lines.
func (s *stages) ratios() {
	ip := s.ip
	analyzeN := 0.0
	if ip.analyzeN > 0 {
		analyzeN = float64(ip.calls) / ip.analyzeN.Seconds()
	}
	if ip.cpuN > 0 && (s.runRes.took > 0 || s.pipe.took > 0) {
		perAnalyze := ip.cpuN.Seconds() / float64(ip.calls)
		byCPU := func(cpu time.Duration) float64 {
			if cpu <= 0 {
				return 0
			}
			return perAnalyze / (cpu.Seconds() / float64(s.calls))
		}
		pipeCPU := s.pipe.cpu["worker"] + s.pipe.cpu["MinIO"] + s.pipe.cpu["redis-server"]
		figure("by CPU time per call instead of wall time (what a machine to itself would show): run/analyze %.2f, pipeline/analyze %.2f",
			byCPU(s.runRes.cpu["run"]), byCPU(pipeCPU))
	}
	if minio := s.pipe.cpu["MinIO"]; minio > 0 && analyzeN > 0 {
		// The S3 server shares the cores: the CPU it spends on a call's
		// requests bounds the pipeline however cheap the worker is.
		perCall := minio.Seconds() / float64(s.calls)
		ceiling := float64(ip.cores) / perCall
		figure("pipeline ceiling: MinIO alone used %.1f ms of CPU per call; on %d cores that allows at most %.0f calls/s even with a worker and Redis that cost nothing, a pipeline/analyze ratio of at most %.2f",
			perCall*1000, ip.cores, ceiling, ceiling/analyzeN)
	}
	tokenizer := 0.0
	if ip.analyze1 > 0 {
		tokenizer = ip.tokenizer.Seconds() / ip.analyze1.Seconds()
	}
	figure("ratio analyze/tokenizer %.2f", tokenizer)
	figure("ratio run/analyze %.2f", ratio(s.runRes.took, s.calls, analyzeN))
	figure("ratio pipeline/analyze %.2f", ratio(s.pipe.took, s.calls, analyzeN))
}
