package main

// Checks a command makes before any work: that Redis answers and that the
// buckets it needs exist and let it read (and write, for reports), so that
// a wrong URL, password or bucket stops it with one line naming what is
// wrong instead of failing call by call.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
	"github.com/calltrust/calltrust/queue"
	"github.com/calltrust/calltrust/worker"
)

// preflightWait bounds each check.
const preflightWait = 15 * time.Second

// writeCheckKey is the object a writability check puts and deletes.
const writeCheckKey = ".calltrust-write-check"

// errStopList ends a listing after its first object.
var errStopList = errors.New("stop listing")

// checkRedis pings Redis, naming the URL with its password hidden when it
// does not answer.
func checkRedis(ctx context.Context, book *queue.Book, url string) error {
	ctx, cancel := context.WithTimeout(ctx, preflightWait)
	defer cancel()
	err := book.Ping(ctx)
	if err == nil {
		return nil
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "WRONGPASS"), strings.Contains(msg, "invalid password"), strings.Contains(msg, "invalid username-password"):
		return fmt.Errorf("redis %s refused the password (%s)", queue.RedactURL(url), firstLine(msg))
	case strings.Contains(msg, "NOAUTH"):
		return fmt.Errorf("redis %s wants a password: give it in the URL, redis://:PASSWORD@host:port/db", queue.RedactURL(url))
	}
	return fmt.Errorf("redis %s does not answer: %s", queue.RedactURL(url), firstLine(msg))
}

// checkReadable lists the first object of a store: a missing bucket, a
// refused listing or a missing folder stop the command here.
func checkReadable(ctx context.Context, loc string, opts worker.StoreOptions) error {
	ctx, cancel := context.WithTimeout(ctx, preflightWait)
	defer cancel()
	if !strings.HasPrefix(loc, "s3://") {
		return checkSource(loc)
	}
	st, err := worker.OpenStore(ctx, loc, opts)
	if err != nil {
		return err
	}
	err = st.List(ctx, "", func(worker.Object) error { return errStopList })
	if err != nil && !errors.Is(err, errStopList) {
		return fmt.Errorf("cannot read %s: %s", loc, s3Reason(err))
	}
	return nil
}

// checkWritable writes and deletes a small object at the root of a store
// (a file in a folder, created if need be).
func checkWritable(ctx context.Context, loc string, opts worker.StoreOptions) error {
	ctx, cancel := context.WithTimeout(ctx, preflightWait)
	defer cancel()
	rest, isS3 := strings.CutPrefix(loc, "s3://")
	if !isS3 {
		dir := strings.TrimPrefix(loc, "file://")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("cannot write to %s: %w", loc, err)
		}
		f, err := os.CreateTemp(dir, writeCheckKey)
		if err != nil {
			return fmt.Errorf("cannot write to %s: %w", loc, err)
		}
		f.Close()
		return os.Remove(filepath.Clean(f.Name()))
	}
	st, err := worker.OpenStore(ctx, loc, opts)
	if err != nil {
		return err
	}
	if err := st.Put(ctx, writeCheckKey, nil, "text/plain"); err != nil {
		return fmt.Errorf("cannot write to %s: %s", loc, s3Reason(err))
	}
	if s, ok := st.(*worker.S3Store); ok {
		bucket, prefix, _ := strings.Cut(rest, "/")
		if prefix != "" && !strings.HasSuffix(prefix, "/") {
			prefix += "/"
		}
		// A refused delete leaves one empty object; the write succeeded,
		// which is what is checked.
		_, _ = s.Client().DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: aws.String(prefix + writeCheckKey)})
	}
	return nil
}

// s3Reason says in a few words why S3 refused a request.
func s3Reason(err error) string {
	var api smithy.APIError
	if errors.As(err, &api) {
		switch api.ErrorCode() {
		case "NoSuchBucket":
			return "the bucket does not exist"
		case "AccessDenied", "AllAccessDisabled":
			return "access denied"
		case "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken":
			return "the S3 credentials were refused (" + api.ErrorCode() + ")"
		}
		return api.ErrorCode() + ": " + firstLine(api.ErrorMessage())
	}
	return firstLine(err.Error())
}

// firstLine returns the first line of s.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// prefixBefore returns a store location up to the first "{date}", cut
// back to the last "/", so that a scheduled location can be checked
// before the date is known.
func prefixBefore(loc string) string {
	i := strings.Index(loc, queue.DateVar)
	if i < 0 {
		return loc
	}
	head := loc[:i]
	if j := strings.LastIndex(head, "/"); j >= 0 && j+1 > len("s3://") {
		return head[:j+1]
	}
	return head
}
