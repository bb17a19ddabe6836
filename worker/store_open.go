package worker

import (
	"context"
	"errors"
	"fmt"
	"path"
	"strings"
)

// StoreOptions are the settings of an S3 store; a local folder ignores
// them. Credentials are never among them: they come from the AWS SDK's
// default chain.
type StoreOptions struct {
	Endpoint    string // S3-compatible server, e.g. http://127.0.0.1:9000; "" for AWS
	PathStyle   bool   // bucket in the path, not the host name
	Region      string // overrides AWS_REGION and the profile's region
	SSE         string // server-side encryption on Put: "", "AES256" or "aws:kms"
	SSEKMSKeyID string // the KMS key for "aws:kms"; "" for the account's default key
}

// OpenStore returns the Store a URL names: "s3://bucket/prefix/" is an S3
// store rooted at the prefix (keys are relative to it; a prefix without a
// trailing "/" gets one), anything else is a local folder, created by the
// first Put. A "file://" scheme is allowed on folders.
func OpenStore(ctx context.Context, url string, opts StoreOptions) (Store, error) {
	if rest, ok := strings.CutPrefix(url, "s3://"); ok {
		bucket, prefix, _ := strings.Cut(rest, "/")
		if bucket == "" {
			return nil, fmt.Errorf("open store %s: no bucket name", url)
		}
		return NewS3Store(ctx, bucket, prefix, opts)
	}
	if strings.Contains(url, "://") && !strings.HasPrefix(url, "file://") {
		scheme, _, _ := strings.Cut(url, "://")
		return nil, fmt.Errorf("open store %s: scheme %s:// is not s3:// or a folder", url, scheme)
	}
	dir := strings.TrimPrefix(url, "file://")
	if dir == "" {
		return nil, errors.New("open store: empty folder name")
	}
	return NewLocalStore(dir), nil
}

// transcriptExts are the extensions of the files that are transcripts.
var transcriptExts = map[string]bool{
	".vtt": true, ".srt": true, ".json": true, ".txt": true, ".md": true, ".docx": true,
}

// IsTranscriptKey reports whether a listed key is a transcript: its
// extension (in any case) is .vtt, .srt, .json, .txt, .md or .docx, and it
// is not a sidecar (*.meta.json).
func IsTranscriptKey(key string) bool {
	k := strings.ToLower(key)
	if strings.HasSuffix(k, ".meta.json") {
		return false
	}
	return transcriptExts[path.Ext(k)]
}
