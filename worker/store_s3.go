package worker

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
)

// S3 retry settings: each request is tried at most s3MaxAttempts times,
// with the SDK's jittered exponential backoff capped at s3MaxBackoff
// (waits of up to 2 s, up to 4 s, then 4 s, 4 s), so a request to an
// unreachable endpoint gives up after 8 to 14 seconds and the task's own
// retry, with its longer backoff, takes over.
const (
	s3MaxAttempts = 5
	s3MaxBackoff  = 4 * time.Second
	s3PageSize    = 1000
)

// S3Store is a Store on an S3 bucket under a key prefix. Keys are relative
// to the prefix.
type S3Store struct {
	client   *s3.Client
	bucket   string
	prefix   string // "" or ending in "/"
	sse      types.ServerSideEncryption
	kmsKeyID string
}

// NewS3Store returns a Store on bucket under prefix. Credentials and the
// region come from the SDK's default chain (environment, shared config and
// credentials files, SSO, web identity, container and instance roles);
// opts.Region overrides the region, opts.Endpoint points at an
// S3-compatible server (with opts.PathStyle for servers that do not serve
// virtual-hosted buckets), and opts.SSE asks for server-side encryption
// of every Put.
func NewS3Store(ctx context.Context, bucket, prefix string, opts StoreOptions) (*S3Store, error) {
	if bucket == "" {
		return nil, errors.New("s3 store: empty bucket name")
	}
	if prefix != "" && !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	if prefix != "" {
		if err := CheckKey(prefix); err != nil {
			return nil, fmt.Errorf("s3 store s3://%s/%s: prefix: %w", bucket, prefix, err)
		}
	}
	s := &S3Store{bucket: bucket, prefix: prefix, kmsKeyID: opts.SSEKMSKeyID}
	switch opts.SSE {
	case "":
		if opts.SSEKMSKeyID != "" {
			return nil, errors.New("s3 store: a KMS key ID needs server-side encryption aws:kms")
		}
	case string(types.ServerSideEncryptionAes256):
		if opts.SSEKMSKeyID != "" {
			return nil, errors.New("s3 store: a KMS key ID goes with server-side encryption aws:kms, not AES256")
		}
		s.sse = types.ServerSideEncryptionAes256
	case string(types.ServerSideEncryptionAwsKms):
		s.sse = types.ServerSideEncryptionAwsKms
	default:
		return nil, fmt.Errorf("s3 store: server-side encryption %q is not AES256 or aws:kms", opts.SSE)
	}

	var load []func(*config.LoadOptions) error
	if opts.Region != "" {
		load = append(load, config.WithRegion(opts.Region))
	}
	load = append(load, config.WithRetryer(func() aws.Retryer {
		return retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxAttempts = s3MaxAttempts
			o.MaxBackoff = s3MaxBackoff
			// Attempts are bounded above; a client-side retry quota would
			// only turn an outage into "quota exceeded" errors that hide the
			// S3 error behind them.
			o.RateLimiter = ratelimit.None
		})
	}))
	cfg, err := config.LoadDefaultConfig(ctx, load...)
	if err != nil {
		return nil, fmt.Errorf("s3 store s3://%s/%s: load AWS configuration: %w", bucket, prefix, err)
	}
	if cfg.Region == "" {
		if opts.Endpoint == "" {
			return nil, fmt.Errorf("s3 store s3://%s/%s: no AWS region: set AWS_REGION, a profile's region, or --region", bucket, prefix)
		}
		cfg.Region = "us-east-1" // S3-compatible servers take any region
	}
	s.client = s3.NewFromConfig(cfg, func(o *s3.Options) {
		if opts.Endpoint != "" {
			o.BaseEndpoint = aws.String(opts.Endpoint)
		}
		o.UsePathStyle = opts.PathStyle
		// Servers that send no checksum (MinIO, objects uploaded without
		// one) would otherwise make the SDK print a plain-text line to
		// stderr for every GET, between the JSON log lines.
		o.DisableLogOutputChecksumValidationSkipped = true
	})
	return s, nil
}

// Client returns the S3 client the store uses.
func (s *S3Store) Client() *s3.Client { return s.client }

// Get reads the object at key. The size is checked from the response's
// Content-Length before the body is read: an object over limit (when
// limit > 0) is refused with ErrTooLarge and its body is closed unread. A
// missing object is ErrNotFound.
func (s *S3Store) Get(ctx context.Context, key string, limit int64) ([]byte, error) {
	if err := CheckKey(key); err != nil {
		return nil, fmt.Errorf("get %s: %w", key, err)
	}
	out, err := s.client.GetObject(ctx, &s3.GetObjectInput{
		Bucket: aws.String(s.bucket),
		Key:    aws.String(s.prefix + key),
	})
	if err != nil {
		return nil, s.fail("get", key, err)
	}
	defer out.Body.Close()
	size := aws.ToInt64(out.ContentLength)
	if limit > 0 && size > limit {
		return nil, fmt.Errorf("get %s: %w: %d bytes, cap %d", s.url(key), ErrTooLarge, size, limit)
	}
	var r io.Reader = out.Body
	if limit > 0 {
		r = io.LimitReader(out.Body, limit+1)
	}
	buf := bytes.NewBuffer(make([]byte, 0, max(size, 0)+bytes.MinRead))
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, s.fail("get", key, err)
	}
	if limit > 0 && int64(buf.Len()) > limit {
		return nil, fmt.Errorf("get %s: %w: more than %d bytes", s.url(key), ErrTooLarge, limit)
	}
	return buf.Bytes(), nil
}

// Put writes data at key with contentType (and the store's server-side
// encryption). An S3 PUT is atomic: readers see the old object or the new.
func (s *S3Store) Put(ctx context.Context, key string, data []byte, contentType string) error {
	if err := CheckKey(key); err != nil {
		return fmt.Errorf("put %s: %w", key, err)
	}
	in := &s3.PutObjectInput{
		Bucket:        aws.String(s.bucket),
		Key:           aws.String(s.prefix + key),
		Body:          bytes.NewReader(data),
		ContentLength: aws.Int64(int64(len(data))),
	}
	if contentType != "" {
		in.ContentType = aws.String(contentType)
	}
	if s.sse != "" {
		in.ServerSideEncryption = s.sse
		if s.kmsKeyID != "" {
			in.SSEKMSKeyId = aws.String(s.kmsKeyID)
		}
	}
	if _, err := s.client.PutObject(ctx, in); err != nil {
		return s.fail("put", key, err)
	}
	return nil
}

// List calls fn for every object under prefix in key order, fetching
// s3PageSize keys per request and holding one page at a time. Keys ending
// in "/" (folder markers some consoles create) are left out. ETags are
// given without their quotes.
func (s *S3Store) List(ctx context.Context, prefix string, fn func(Object) error) error {
	if prefix != "" {
		if err := CheckKey(prefix); err != nil {
			return fmt.Errorf("list %s: %w", prefix, err)
		}
	}
	// Keys come URL-encoded: XML 1.0 cannot carry most control
	// characters, and one such key would otherwise break the listing of
	// the whole page.
	p := s3.NewListObjectsV2Paginator(s.client, &s3.ListObjectsV2Input{
		Bucket:       aws.String(s.bucket),
		Prefix:       aws.String(s.prefix + prefix),
		MaxKeys:      aws.Int32(s3PageSize),
		EncodingType: types.EncodingTypeUrl,
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return s.fail("list", prefix, err)
		}
		for _, o := range page.Contents {
			full, err := url.QueryUnescape(aws.ToString(o.Key))
			if err != nil {
				return fmt.Errorf("list %s: key %q: not URL-encoded: %w", s.url(prefix), aws.ToString(o.Key), err)
			}
			key := strings.TrimPrefix(full, s.prefix)
			if key == "" || strings.HasSuffix(key, "/") {
				continue
			}
			obj := Object{Key: key, Size: aws.ToInt64(o.Size), ETag: strings.Trim(aws.ToString(o.ETag), `"`)}
			if err := fn(obj); err != nil {
				return err
			}
		}
	}
	return nil
}

// url is how errors show a key: its full s3:// address.
func (s *S3Store) url(key string) string {
	return "s3://" + s.bucket + "/" + s.prefix + key
}

// fail wraps an S3 error of operation op on key with the object's
// address, mapping a missing key to ErrNotFound. The SDK's errors carry
// the operation, status and request ID, never credentials.
func (s *S3Store) fail(op, key string, err error) error {
	if isNotFound(err) {
		return fmt.Errorf("%s %s: %w", op, s.url(key), ErrNotFound)
	}
	return fmt.Errorf("%s %s: %w", op, s.url(key), err)
}

func isNotFound(err error) bool {
	var nsk *types.NoSuchKey
	var nf *types.NotFound
	if errors.As(err, &nsk) || errors.As(err, &nf) {
		return true
	}
	var api smithy.APIError
	if errors.As(err, &api) {
		switch api.ErrorCode() {
		case "NoSuchKey", "NotFound":
			return true
		}
	}
	return false
}
