package queue

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Statuses of a call in a batch.
const (
	StatusDone    = "done"
	StatusFailed  = "failed"
	StatusPending = "pending"
)

// ErrNoBatch means Redis holds nothing about a batch (never enqueued, or
// its retention ran out).
var ErrNoBatch = errors.New("no such batch")

// Book is the batch bookkeeping in Redis. Per batch it keeps the expected
// call set (call ID -> key), a hash of calls done and one of calls failed
// (call ID -> reason), and the batch metadata. Marks are per call and
// idempotent, as delivery is at least once; nothing is a bare counter.
type Book struct {
	rdb redis.UniversalClient
}

// NewBook returns the bookkeeping on a Redis client.
func NewBook(rdb redis.UniversalClient) *Book { return &Book{rdb: rdb} }

// Close closes the Redis client.
func (b *Book) Close() error { return b.rdb.Close() }

// Ping checks Redis answers.
func (b *Book) Ping(ctx context.Context) error { return b.rdb.Ping(ctx).Err() }

type batchKeys struct{ meta, calls, done, failed string }

// keysOf names a batch's keys; the braces keep them in one cluster slot.
func keysOf(batch string) batchKeys {
	p := "calltrust:batch:{" + batch + "}:"
	return batchKeys{meta: p + "meta", calls: p + "calls", done: p + "done", failed: p + "failed"}
}

// Call is one expected call of a batch.
type Call struct {
	ID  string // the key relative to the source, also the report name
	Key string
}

// Progress counts a batch's calls.
type Progress struct {
	Calls  int // expected calls (transcripts enqueued)
	Done   int
	Failed int
	// Listed says a listing of the source finished, so Calls is final.
	Listed bool
	// Summarized is Done+Failed when the summary was last written, -1
	// before that.
	Summarized int
}

// Pending returns the calls neither done nor failed.
func (p Progress) Pending() int {
	if n := p.Calls - p.Done - p.Failed; n > 0 {
		return n
	}
	return 0
}

// Complete reports whether every expected call is done or failed.
func (p Progress) Complete() bool { return p.Listed && p.Done+p.Failed >= p.Calls }

// NeedsSummary reports whether the batch is complete and its summary does
// not count every call yet.
func (p Progress) NeedsSummary() bool { return p.Complete() && p.Summarized != p.Done+p.Failed }

// progressCmds queues the reads that make a Progress on a pipeline.
type progressCmds struct {
	calls, done, failed *redis.IntCmd
	meta                *redis.SliceCmd
}

func queueProgress(ctx context.Context, pipe redis.Pipeliner, k batchKeys) progressCmds {
	return progressCmds{
		calls:  pipe.HLen(ctx, k.calls),
		done:   pipe.HLen(ctx, k.done),
		failed: pipe.HLen(ctx, k.failed),
		meta:   pipe.HMGet(ctx, k.meta, "listed", "summarized"),
	}
}

func (c progressCmds) result() Progress {
	p := Progress{Calls: int(c.calls.Val()), Done: int(c.done.Val()), Failed: int(c.failed.Val()), Summarized: -1}
	vals := c.meta.Val()
	if len(vals) == 2 {
		p.Listed = vals[0] == "1"
		if s, ok := vals[1].(string); ok {
			if n, err := strconv.Atoi(s); err == nil {
				p.Summarized = n
			}
		}
	}
	return p
}

// Begin records a batch's source and reports location before it is
// listed, and refreshes the TTL of its keys.
func (b *Book) Begin(ctx context.Context, bt Batch, ttl time.Duration) error {
	k := keysOf(bt.ID)
	_, err := b.rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		pipe.HSet(ctx, k.meta, "batch", bt.ID, "source", bt.Source, "reports", bt.Reports)
		pipe.HSetNX(ctx, k.meta, "created", time.Now().UTC().Format(time.RFC3339))
		for _, key := range []string{k.meta, k.calls, k.done, k.failed} {
			pipe.Expire(ctx, key, ttl)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("batch %s: record start: %w", bt.ID, err)
	}
	return nil
}

// AddCalls adds calls to a batch's expected set.
func (b *Book) AddCalls(ctx context.Context, batch string, calls []Call, ttl time.Duration) error {
	if len(calls) == 0 {
		return nil
	}
	k := keysOf(batch)
	args := make([]any, 0, 2*len(calls))
	for _, c := range calls {
		args = append(args, c.ID, c.Key)
	}
	_, err := b.rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		pipe.HSet(ctx, k.calls, args...)
		pipe.Expire(ctx, k.calls, ttl)
		return nil
	})
	if err != nil {
		return fmt.Errorf("batch %s: record calls: %w", batch, err)
	}
	return nil
}

// Listed records that a listing finished, with its counts, and returns
// the batch's progress read in the same transaction.
func (b *Book) Listed(ctx context.Context, batch string, r Result, ttl time.Duration) (Progress, error) {
	k := keysOf(batch)
	var pc progressCmds
	_, err := b.rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		pipe.HSet(ctx, k.meta, "listed", "1", "skipped", r.Skipped, "sidecars", r.Sidecars, "listed_at", time.Now().UTC().Format(time.RFC3339))
		pipe.HIncrBy(ctx, k.meta, "enqueued", int64(r.Enqueued))
		pipe.Expire(ctx, k.meta, ttl)
		pc = queueProgress(ctx, pipe, k)
		return nil
	})
	if err != nil {
		return Progress{}, fmt.Errorf("batch %s: record listing: %w", batch, err)
	}
	return pc.result(), nil
}

// Mark records how a call ended (StatusDone, or StatusFailed with a
// reason), replacing any earlier mark of the same call, and returns the
// batch's progress read in the same transaction: exactly one marker sees
// the batch complete first.
func (b *Book) Mark(ctx context.Context, batch, call, status, reason string, ttl time.Duration) (Progress, error) {
	k := keysOf(batch)
	set, other, val := k.done, k.failed, "1"
	switch status {
	case StatusDone:
	case StatusFailed:
		set, other, val = k.failed, k.done, reason
	default:
		return Progress{}, fmt.Errorf("batch %s: mark %s: unknown status %q", batch, call, status)
	}
	var pc progressCmds
	err := retryWrite(ctx, func() error {
		_, err := b.rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
			pipe.HDel(ctx, other, call)
			pipe.HSet(ctx, set, call, val)
			pipe.Expire(ctx, set, ttl)
			pc = queueProgress(ctx, pipe, k)
			return nil
		})
		return err
	})
	if err != nil {
		return Progress{}, fmt.Errorf("batch %s: mark %s %s: %w", batch, call, status, err)
	}
	return pc.result(), nil
}

// markRetryFor bounds how long Mark retries a write that failed, as when
// Redis restarts: long enough to ride out a restart, short enough to stay
// within asynq's 30 s task lease. A mark given up on fails its task, and
// asynq, which needs Redis too, then leaves the task to its lease
// recovery, a minute or two later.
const markRetryFor = 20 * time.Second

// retryWrite runs an idempotent write until it succeeds, ctx ends or
// markRetryFor has passed, waiting longer after each failure (100 ms
// doubling up to 2 s).
func retryWrite(ctx context.Context, write func() error) error {
	deadline := time.Now().Add(markRetryFor)
	wait := 100 * time.Millisecond
	for {
		err := write()
		if err == nil || ctx.Err() != nil || time.Now().Add(wait).After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
		wait = min(2*wait, 2*time.Second)
	}
}

// SetSummarized records that the summary counted n finished calls.
func (b *Book) SetSummarized(ctx context.Context, batch string, n int) error {
	if err := b.rdb.HSet(ctx, keysOf(batch).meta, "summarized", n).Err(); err != nil {
		return fmt.Errorf("batch %s: record summary: %w", batch, err)
	}
	return nil
}

// Progress returns a batch's counts; ErrNoBatch when Redis knows nothing
// of it.
func (b *Book) Progress(ctx context.Context, batch string) (Progress, error) {
	k := keysOf(batch)
	var pc progressCmds
	var exists *redis.IntCmd
	_, err := b.rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		exists = pipe.Exists(ctx, k.meta)
		pc = queueProgress(ctx, pipe, k)
		return nil
	})
	if err != nil {
		return Progress{}, fmt.Errorf("batch %s: read progress: %w", batch, err)
	}
	if exists.Val() == 0 {
		return Progress{}, fmt.Errorf("batch %s: %w", batch, ErrNoBatch)
	}
	return pc.result(), nil
}

// Info is what the bookkeeping knows about a batch besides its calls.
type Info struct {
	Batch    string
	Source   string
	Reports  string
	Skipped  int // listed objects that are not transcripts
	Sidecars int // listed .meta.json sidecars
	Enqueued int // tasks enqueued over every enqueue run
	Created  string
}

// Info returns a batch's metadata; ErrNoBatch when Redis knows nothing
// of it.
func (b *Book) Info(ctx context.Context, batch string) (Info, error) {
	m, err := b.rdb.HGetAll(ctx, keysOf(batch).meta).Result()
	if err != nil {
		return Info{}, fmt.Errorf("batch %s: read metadata: %w", batch, err)
	}
	if len(m) == 0 {
		return Info{}, fmt.Errorf("batch %s: %w", batch, ErrNoBatch)
	}
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	return Info{
		Batch: batch, Source: m["source"], Reports: m["reports"],
		Skipped: atoi(m["skipped"]), Sidecars: atoi(m["sidecars"]), Enqueued: atoi(m["enqueued"]),
		Created: m["created"],
	}, nil
}

// Outcome is how one expected call of a batch stands.
type Outcome struct {
	Call   string
	Key    string
	Status string // StatusDone, StatusFailed or StatusPending
	Reason string // why it failed
}

// Outcomes returns every expected call of a batch with its status, read
// page by page, in no particular order.
func (b *Book) Outcomes(ctx context.Context, batch string) ([]Outcome, error) {
	k := keysOf(batch)
	calls, err := b.scan(ctx, k.calls)
	if err != nil {
		return nil, fmt.Errorf("batch %s: read calls: %w", batch, err)
	}
	done, err := b.scan(ctx, k.done)
	if err != nil {
		return nil, fmt.Errorf("batch %s: read calls done: %w", batch, err)
	}
	failed, err := b.scan(ctx, k.failed)
	if err != nil {
		return nil, fmt.Errorf("batch %s: read calls failed: %w", batch, err)
	}
	out := make([]Outcome, 0, len(calls))
	for id, key := range calls {
		o := Outcome{Call: id, Key: key, Status: StatusPending}
		if _, ok := done[id]; ok {
			o.Status = StatusDone
		} else if reason, ok := failed[id]; ok {
			o.Status, o.Reason = StatusFailed, reason
		}
		out = append(out, o)
	}
	return out, nil
}

// scan reads a whole hash with HSCAN, so that a large batch never makes
// one huge reply.
func (b *Book) scan(ctx context.Context, key string) (map[string]string, error) {
	out := map[string]string{}
	var cursor uint64
	for {
		kv, next, err := b.rdb.HScan(ctx, key, cursor, "*", 1000).Result()
		if err != nil {
			return nil, err
		}
		for i := 0; i+1 < len(kv); i += 2 {
			out[kv[i]] = kv[i+1]
		}
		if cursor = next; cursor == 0 {
			return out, nil
		}
	}
}
