package worker

// The setting of the fault tests: a real redis-server and MinIO, a batch
// of generated calls uploaded to a versioned bucket, and calltrust
// processes to enqueue and work it.

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/calltrust/calltrust/internal/testservers"
	"github.com/calltrust/calltrust/queue"
	"github.com/hibiken/asynq"
)

const faultBucket = "calls"

// faultEnv is one fault test's servers and batch.
type faultEnv struct {
	rs   *redisServer
	ms   *minioServer
	conn asynq.RedisConnOpt
	// url is the --redis of the calltrust processes, rs.URL() when empty.
	url  string
	book *queue.Book
	// env is what calltrust processes need to reach MinIO directly.
	env     []string
	batch   string
	source  string            // s3://calls/in/
	reports string            // s3://calls/reports/
	calls   map[string][]byte // transcript key -> content
	// broken are the calls that must fail, with a word of their reason.
	broken map[string]string
}

// newFaultEnv starts the servers, makes a versioned bucket (so that every
// write of a report stays visible) and uploads n generated calls plus
// broken ones that must end as failures.
func newFaultEnv(t *testing.T, n int) *faultEnv {
	t.Helper()
	f := &faultEnv{rs: startRedis(t), ms: startMinio(t), batch: "fault-" + testservers.RandomHex(t, 3)}
	buildCalltrust(t)
	f.env = f.ms.Env()
	f.ms.CreateBucket(t, faultBucket)
	f.source = "s3://" + faultBucket + "/in/"
	f.reports = "s3://" + faultBucket + "/reports/"
	ctx := context.Background()
	if _, err := f.ms.Client().PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{
		Bucket:                  aws.String(faultBucket),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled},
	}); err != nil {
		t.Fatalf("enable versioning: %v", err)
	}
	f.book, f.conn = f.rs.Book(t)

	f.calls = map[string][]byte{}
	for i := range n {
		f.calls[fmt.Sprintf("gen/call%04d.txt", i)] = genTranscript(i)
	}
	f.calls["broken/empty.txt"] = nil
	f.calls["broken/one-speaker.txt"] = []byte("Dana: Hello? Is anyone there?\nDana: I will call back later.\n")
	f.broken = map[string]string{"broken/empty.txt": "empty", "broken/one-speaker.txt": "speaker"}
	f.upload(t)
	return f
}

// genTranscript is a small call in the "Name: text" format; calls differ
// by their names and by which of four openings and pitches they use.
func genTranscript(i int) []byte {
	rep, buyer := fmt.Sprintf("Rep%d", i), fmt.Sprintf("Buyer%d", i)
	openings := []string{
		"Hi, thanks for taking the call. What made you look at this now?",
		fmt.Sprintf("Good morning. I saw your team grew by %d people this quarter, how is onboarding going?", i%50+2),
		"Hello, I'm calling about our platform, it is the best on the market.",
		"Thanks for joining. How do you track renewals today?",
	}
	pitches := []string{
		"It will never fail you, guaranteed.",
		fmt.Sprintf("We can look at a pilot with two teams and measure the results in %d weeks.", i%6+2),
		"Our product is award winning and our company is the leader, we are the best.",
		"What would have to be true for this to be worth your time?",
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", rep, openings[i%4])
	fmt.Fprintf(&b, "%s: Our renewals keep slipping, we lost %d accounts last month.\n", buyer, i%9+1)
	fmt.Fprintf(&b, "%s: %s\n", rep, pitches[(i/4)%4])
	fmt.Fprintf(&b, "%s: I'm not sure the budget is there this quarter.\n", buyer)
	return []byte(b.String())
}

// upload puts every call under in/ with a few requests at once.
func (f *faultEnv) upload(t *testing.T) {
	t.Helper()
	client := f.ms.Client()
	keys := make(chan string)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for k := range keys {
				_, err := client.PutObject(context.Background(), &s3.PutObjectInput{
					Bucket: aws.String(faultBucket), Key: aws.String("in/" + k),
					Body: bytes.NewReader(f.calls[k]), ContentType: aws.String("text/plain"),
				})
				if err != nil {
					select {
					case errs <- fmt.Errorf("upload %s: %w", k, err):
					default:
					}
				}
			}
		})
	}
	for k := range f.calls {
		keys <- k
	}
	close(keys)
	wg.Wait()
	select {
	case err := <-errs:
		t.Fatal(err)
	default:
	}
}

// redisURL is the --redis of the calltrust processes.
func (f *faultEnv) redisURL() string {
	if f.url != "" {
		return f.url
	}
	return f.rs.URL()
}

// enqueueArgs are the arguments of `calltrust enqueue` for the batch.
func (f *faultEnv) enqueueArgs(extra ...string) []string {
	return append([]string{"enqueue", f.source, "--batch", f.batch, "--redis", f.redisURL(), "--reports", f.reports}, extra...)
}

// enqueue runs `calltrust enqueue` for the batch and checks it enqueued
// every call.
func (f *faultEnv) enqueue(t *testing.T, env []string, extra ...string) {
	t.Helper()
	out := calltrustCmd(t, append(append([]string{}, f.env...), env...), f.enqueueArgs(extra...)...)
	if want := fmt.Sprintf("enqueued:         %d\n", len(f.calls)); !strings.Contains(out, want) {
		t.Fatalf("enqueue did not enqueue %d calls:\n%s", len(f.calls), out)
	}
}

// slowTranscripts starts a proxy to MinIO that delays every read of a
// transcript by d, and returns the environment that sends a calltrust
// process through it: a worker on it is surely busy with several calls
// at any moment.
func (f *faultEnv) slowTranscripts(t *testing.T, d time.Duration) []string {
	proxy := startFaultProxy(t, f.ms.Endpoint())
	proxy.setRule(delayRule(func(r s3Request) time.Duration {
		if strings.HasPrefix(r.Key, "in/") {
			return d
		}
		return 0
	}))
	return []string{"CALLTRUST_ENDPOINT=" + proxy.URL}
}

// worker starts a `calltrust worker` on the batch's Redis; env entries
// override the direct MinIO settings.
func (f *faultEnv) worker(t *testing.T, env []string, args ...string) *workerProc {
	t.Helper()
	return startWorkerProc(t, append(append([]string{}, f.env...), env...), append([]string{"--redis", f.redisURL()}, args...)...)
}

// progress reads the batch's progress; Redis errors read as no progress.
func (f *faultEnv) progress() queue.Progress {
	p, _ := f.book.Progress(context.Background(), f.batch)
	return p
}

// finished is the count of calls done or failed.
func (f *faultEnv) finished() int {
	p := f.progress()
	return p.Done + p.Failed
}

// waitFinished waits until at least n calls are done or failed.
func (f *faultEnv) waitFinished(t *testing.T, n int, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for f.finished() < n {
		if time.Now().After(deadline) {
			t.Fatalf("fewer than %d calls finished after %s: %+v", n, limit, f.progress())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitComplete waits until every call is done or failed and the summary
// counts them all.
func (f *faultEnv) waitComplete(t *testing.T, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		p := f.progress()
		if p.Complete() && !p.NeedsSummary() {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("batch not complete after %s: %+v of %d calls", limit, p, len(f.calls))
		}
		time.Sleep(100 * time.Millisecond)
	}
}
