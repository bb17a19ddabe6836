package worker

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// s3TestStore starts MinIO with a bucket and opens a store on it through
// OpenStore and the default credential chain, as calltrust does.
func s3TestStore(t *testing.T, prefix string, opts StoreOptions) (*minioServer, *S3Store) {
	t.Helper()
	m := startMinio(t)
	m.SetAWSEnv(t)
	url := m.CreateBucket(t, "calls") + prefix
	o := m.Options()
	o.SSE, o.SSEKMSKeyID = opts.SSE, opts.SSEKMSKeyID
	s, err := OpenStore(context.Background(), url, o)
	if err != nil {
		t.Fatal(err)
	}
	return m, s.(*S3Store)
}

func TestS3StoreContract(t *testing.T) {
	_, s := s3TestStore(t, "root/", StoreOptions{})
	testStoreContract(t, s)
}

func TestS3StoreListPages(t *testing.T) {
	const n = 2500
	m, s := s3TestStore(t, "batch/", StoreOptions{})
	ctx := context.Background()
	// Objects beside the prefix must not be listed.
	for _, key := range []string{"batch-other/x.vtt", "other/x.vtt", "batch/"} {
		if _, err := m.Client().PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("calls"), Key: aws.String(key), Body: strings.NewReader("x")}); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	keys := make(chan string)
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for k := range keys {
				if err := s.Put(ctx, k, []byte(k), "text/vtt"); err != nil {
					t.Error(err)
				}
			}
		})
	}
	for i := range n {
		keys <- fmt.Sprintf("2026-11-21/call-%05d.vtt", i)
	}
	close(keys)
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	put := time.Since(start)

	start = time.Now()
	count, last := 0, ""
	err := s.List(ctx, "", func(o Object) error {
		if o.Key <= last {
			t.Fatalf("key %q after %q: not in order", o.Key, last)
		}
		if want := fmt.Sprintf("2026-11-21/call-%05d.vtt", count); o.Key != want {
			t.Fatalf("object %d is %q; want %q", count, o.Key, want)
		}
		if o.Size != int64(len(o.Key)) || o.ETag == "" || strings.ContainsRune(o.ETag, '"') {
			t.Fatalf("object %+v", o)
		}
		count++
		last = o.Key
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if count != n {
		t.Fatalf("listed %d objects; want %d", count, n)
	}
	t.Logf("put %d objects in %v (16 at a time); listed them in %v (%d pages)", n, put.Round(time.Millisecond), time.Since(start).Round(time.Millisecond), (n+s3PageSize-1)/s3PageSize)
}

func TestS3StoreContentType(t *testing.T) {
	m, s := s3TestStore(t, "reports/", StoreOptions{})
	ctx := context.Background()
	for _, tc := range []struct{ key, ct string }{
		{"b1/call.json", "application/json"},
		{"b1/call.html", "text/html; charset=utf-8"},
		{"b1/summary.csv", "text/csv; charset=utf-8"},
	} {
		t.Run(tc.key, func(t *testing.T) {
			if err := s.Put(ctx, tc.key, []byte("x"), tc.ct); err != nil {
				t.Fatal(err)
			}
			head, err := m.Client().HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("calls"), Key: aws.String("reports/" + tc.key)})
			if err != nil {
				t.Fatal(err)
			}
			if got := aws.ToString(head.ContentType); got != tc.ct {
				t.Errorf("content type %q; want %q", got, tc.ct)
			}
		})
	}
}

func TestS3StoreSizeCapDoesNotDownload(t *testing.T) {
	_, s := s3TestStore(t, "", StoreOptions{})
	ctx := context.Background()
	const size = 50 << 20
	if err := s.Put(ctx, "huge.vtt", make([]byte, size), "text/vtt"); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := s.Get(ctx, "huge.vtt", 1<<20)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Get = %v; want ErrTooLarge", err)
	}
	if want := fmt.Sprintf("s3://calls/huge.vtt: object over the size cap: %d bytes, cap %d", size, 1<<20); !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say %q", err, want)
	}
	// Refused from Content-Length: the body is closed unread, so the
	// client allocates nothing near the object's size (or the cap).
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
		t.Errorf("Get allocated %d bytes refusing a %d-byte object", alloc, size)
	} else {
		t.Logf("refusing a %d MB object allocated %d KB", size>>20, alloc>>10)
	}
}

func TestS3StoreEncryption(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts StoreOptions
		want types.ServerSideEncryption
	}{
		{"AES256", StoreOptions{SSE: "AES256"}, types.ServerSideEncryptionAes256},
		{"aws:kms", StoreOptions{SSE: "aws:kms", SSEKMSKeyID: "calltrust-test-key"}, types.ServerSideEncryptionAwsKms},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, s := s3TestStore(t, "enc/", tc.opts)
			ctx := context.Background()
			body := []byte(`{"call":"c1"}`)
			if err := s.Put(ctx, "c1.json", body, "application/json"); err != nil {
				t.Fatal(err)
			}
			head, err := m.Client().HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("calls"), Key: aws.String("enc/c1.json")})
			if err != nil {
				t.Fatal(err)
			}
			if head.ServerSideEncryption != tc.want {
				t.Errorf("ServerSideEncryption %q; want %q", head.ServerSideEncryption, tc.want)
			}
			if tc.opts.SSEKMSKeyID != "" && !strings.Contains(aws.ToString(head.SSEKMSKeyId), tc.opts.SSEKMSKeyID) {
				t.Errorf("SSEKMSKeyId %q; want %q", aws.ToString(head.SSEKMSKeyId), tc.opts.SSEKMSKeyID)
			}
			if got, err := s.Get(ctx, "c1.json", 1<<10); err != nil || !bytes.Equal(got, body) {
				t.Errorf("Get = %q, %v", got, err)
			}
		})
	}
}

func TestS3StoreOutage(t *testing.T) {
	m, s := s3TestStore(t, "calls/", StoreOptions{})
	ctx := context.Background()
	if err := s.Put(ctx, "day/a.vtt", []byte("WEBVTT"), "text/vtt"); err != nil {
		t.Fatal(err)
	}
	m.Stop()
	start := time.Now()
	_, downErr := s.Get(ctx, "day/a.vtt", 1<<20)
	failed := time.Since(start)
	if err := downErr; err == nil {
		t.Fatal("Get while the server is down succeeded")
	}
	if errors.Is(downErr, ErrNotFound) || !strings.Contains(downErr.Error(), "s3://calls/calls/day/a.vtt") {
		t.Errorf("Get while down = %v; want an error naming the key, not ErrNotFound", downErr)
	}
	if strings.Contains(downErr.Error(), m.SecretKey()) || strings.Contains(downErr.Error(), m.AccessKey()) {
		t.Errorf("error %q shows credentials", downErr)
	}
	time.Sleep(2 * time.Second)
	m.Start()
	got, err := s.Get(ctx, "day/a.vtt", 1<<20)
	if err != nil || string(got) != "WEBVTT" {
		t.Fatalf("Get after restart = %q, %v", got, err)
	}
	t.Logf("Get gave up after %v (%d attempts) with: %v", failed.Round(time.Millisecond), s3MaxAttempts, downErr)
}
