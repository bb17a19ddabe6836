package worker

// The hostile corpus from MinIO, worked by a `calltrust worker` process
// on a real redis-server, and keys only S3 can hold.

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/calltrust/calltrust/queue"
	"github.com/hibiken/asynq"
)

// TestHostileRealServers runs the hostile corpus from MinIO with a
// `calltrust worker` process on a real redis-server. MinIO refuses to
// store keys with a ".." part or a leading "/" (AWS S3 stores them), so
// those are added to the batch's listing as AWS would list them; the
// worker must refuse them as it would on AWS.
func TestHostileRealServers(t *testing.T) {
	rs := startRedis(t)
	ms := startMinio(t)
	ms.SetAWSEnv(t)
	ms.CreateBucket(t, "calls")

	dir := filepath.Join(t.TempDir(), "calls")
	cases := hostileCorpus(t, dir)
	uploadTree(t, ms, dir, "in/")
	var injected []string
	for _, c := range []hostileCase{
		{key: "../escape.txt", fail: []string{`"../escape.txt" has a ".." part`}},
		{key: "sub/../../escape.txt", fail: []string{`"sub/../../escape.txt" has a ".." part`}},
		{key: "/absolute.txt", fail: []string{`"/absolute.txt" is an absolute path`}},
	} {
		if !putObject(t, ms, "in/"+c.key, testCalls["acme.txt"]) {
			injected = append(injected, c.key)
		}
		cases = append(cases, c)
	}

	w := startWorkerProc(t, ms.Env(), "--redis", rs.URL(), "--concurrency", "4")
	s, fails := runS3Batch(t, rs, ms, injected)
	checkHostile(t, s, fails, cases, s3HasReports(t, ms))
	select {
	case err := <-w.exited:
		t.Fatalf("the worker exited during the hostile batch: %v", err)
	default:
	}
	w.stop(t)
	checkRSS(t, "calltrust worker", peakRSS(t, w.cmd.ProcessState), min(rssLimit, hugeSize))
}

// TestHostileS3ControlKeys puts objects whose keys hold control
// characters in S3 next to a good call. S3 lists such keys in XML only
// when asked to URL-encode them (XML 1.0 cannot carry most control
// characters), so the listing must ask for that; the calls must then end
// as refused keys while the good call gets its report.
func TestHostileS3ControlKeys(t *testing.T) {
	rs := startRedis(t)
	ms := startMinio(t)
	ms.SetAWSEnv(t)
	ms.CreateBucket(t, "calls")
	cases := []hostileCase{
		{key: "good.txt"},
		{key: "with space+plus%.txt"},
		{key: "bell\a.txt", fail: []string{`"bell\a.txt" holds a control character`}},
		{key: "esc\x1b[31mred.vtt", fail: []string{`"esc\x1b[31mred.vtt" holds a control character`}},
		{key: "tab\tname.srt", fail: []string{`"tab\tname.srt" holds a control character`}},
	}
	for _, c := range cases {
		if !putObject(t, ms, "in/"+c.key, testCalls["acme.txt"]) {
			t.Fatalf("the S3 server refuses key %q", c.key)
		}
	}
	w := startWorkerProc(t, ms.Env(), "--redis", rs.URL(), "--concurrency", "2")
	s, fails := runS3Batch(t, rs, ms, nil)
	checkHostile(t, s, fails, cases, s3HasReports(t, ms))
	w.stop(t)
}

// uploadTree uploads every file under dir to the bucket "calls" under
// prefix, streaming each from disk.
func uploadTree(t *testing.T, ms *minioServer, dir, prefix string) {
	t.Helper()
	client := ms.Client()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil {
			return err
		}
		_, err = client.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String("calls"),
			Key: aws.String(prefix + filepath.ToSlash(rel)), Body: f, ContentLength: aws.Int64(fi.Size())})
		return err
	})
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
}

// putObject writes body at key in the bucket "calls" and reports whether
// the server took it.
func putObject(t *testing.T, ms *minioServer, key, body string) bool {
	t.Helper()
	_, err := ms.Client().PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String("calls"),
		Key: aws.String(key), Body: strings.NewReader(body)})
	if err != nil {
		t.Logf("the S3 server refuses key %q: %v", key, err)
		return false
	}
	return true
}

// runS3Batch enqueues s3://calls/in/ as the hostile batch, with the
// listing the Store gives plus the keys in extra, waits for a worker to
// finish it, and returns its summary and failures.
func runS3Batch(t *testing.T, rs *redisServer, ms *minioServer, extra []string) (*Summary, []Failure) {
	t.Helper()
	ctx := context.Background()
	book, conn := rs.Book(t)
	client := asynq.NewClient(conn)
	defer client.Close()
	src, err := OpenStore(ctx, "s3://calls/in/", ms.Options())
	if err != nil {
		t.Fatal(err)
	}
	list := func(ctx context.Context, fn func(queue.Object) error) error {
		if err := ListSource(src)(ctx, fn); err != nil {
			return err
		}
		for _, k := range extra {
			if err := fn(queue.Object{Key: k, ETag: "listed-by-aws", Transcript: IsTranscriptKey(k)}); err != nil {
				return err
			}
		}
		return nil
	}
	b := queue.Batch{ID: hostileBatch, Source: "s3://calls/in/", Reports: "s3://calls/reports/"}
	if _, err := queue.NewEnqueuer(client, book).Enqueue(ctx, b, list, queue.DefaultOptions()); err != nil {
		t.Fatalf("enqueue: %v", err)
	}
	waitBatch(t, conn, hostileBatch)
	reports, err := OpenStore(ctx, "s3://calls/reports/", ms.Options())
	if err != nil {
		t.Fatal(err)
	}
	s, _, err := LoadSummary(ctx, reports, hostileBatch)
	if err != nil {
		t.Fatal(err)
	}
	data, err := reports.Get(ctx, hostileBatch+"/"+FailuresJSON, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	var fails []Failure
	if err := json.Unmarshal(data, &fails); err != nil {
		t.Fatal(err)
	}
	return s, fails
}

// s3HasReports reports whether a call of the hostile batch has both its
// reports in s3://calls/reports/.
func s3HasReports(t *testing.T, ms *minioServer) func(key string) bool {
	client := ms.Client()
	return func(key string) bool {
		for _, ext := range []string{".json", ".html"} {
			_, err := client.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String("calls"),
				Key: aws.String("reports/" + hostileBatch + "/" + key + ext)})
			if err != nil {
				return false
			}
		}
		return true
	}
}
