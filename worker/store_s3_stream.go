package worker

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Open starts a GET of the object at key and returns its body unread: the
// caller streams it and closes it, so an object of any size is never held
// in memory. The ETag is S3's, without quotes.
func (s *S3Store) Open(ctx context.Context, key string) (io.ReadCloser, ObjectInfo, error) {
	if err := CheckKey(key); err != nil {
		return nil, ObjectInfo{}, fmt.Errorf("open %s: %w", key, err)
	}
	out, err := s.client.GetObject(ctx, &s3.GetObjectInput{
		Bucket: aws.String(s.bucket),
		Key:    aws.String(s.prefix + key),
	})
	if err != nil {
		return nil, ObjectInfo{}, s.fail("open", key, err)
	}
	return out.Body, ObjectInfo{
		Size:    aws.ToInt64(out.ContentLength),
		ETag:    strings.Trim(aws.ToString(out.ETag), `"`),
		ModTime: aws.ToTime(out.LastModified),
	}, nil
}

// Stat describes the object at key with a HEAD request.
func (s *S3Store) Stat(ctx context.Context, key string) (ObjectInfo, error) {
	if err := CheckKey(key); err != nil {
		return ObjectInfo{}, fmt.Errorf("stat %s: %w", key, err)
	}
	out, err := s.client.HeadObject(ctx, &s3.HeadObjectInput{
		Bucket: aws.String(s.bucket),
		Key:    aws.String(s.prefix + key),
	})
	if err != nil {
		return ObjectInfo{}, s.fail("stat", key, err)
	}
	return ObjectInfo{
		Size:    aws.ToInt64(out.ContentLength),
		ETag:    strings.Trim(aws.ToString(out.ETag), `"`),
		ModTime: aws.ToTime(out.LastModified),
	}, nil
}

// Folders lists the common prefixes directly under the store's prefix
// (delimiter "/"), page by page, in key order.
func (s *S3Store) Folders(ctx context.Context) ([]string, error) {
	p := s3.NewListObjectsV2Paginator(s.client, &s3.ListObjectsV2Input{
		Bucket:       aws.String(s.bucket),
		Prefix:       aws.String(s.prefix),
		Delimiter:    aws.String("/"),
		MaxKeys:      aws.Int32(s3PageSize),
		EncodingType: types.EncodingTypeUrl,
	})
	var out []string
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, s.fail("folders", "", err)
		}
		for _, cp := range page.CommonPrefixes {
			full, err := url.QueryUnescape(aws.ToString(cp.Prefix))
			if err != nil {
				return nil, fmt.Errorf("folders %s: prefix %q: not URL-encoded: %w", s.url(""), aws.ToString(cp.Prefix), err)
			}
			name := strings.TrimSuffix(strings.TrimPrefix(full, s.prefix), "/")
			if name != "" {
				out = append(out, name)
			}
		}
	}
	return out, nil
}

var (
	_ Browser = (*S3Store)(nil)
	_ Browser = (*LocalStore)(nil)
)
