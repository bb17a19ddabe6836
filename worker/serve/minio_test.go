package serve

// A real MinIO for the S3 tests, from internal/testservers, with the
// store that reaches it.

import (
	"context"
	"testing"

	"github.com/calltrust/calltrust/internal/testservers"
	"github.com/calltrust/calltrust/worker"
)

// minio is a running MinIO with one bucket.
type minio struct {
	*testservers.Minio
	bucket string
}

// startMinio starts MinIO, makes a bucket and sets the AWS variables the
// store's default credential chain reads, for the rest of the test.
func startMinio(t *testing.T) *minio {
	t.Helper()
	const bucket = "reports"
	return &minio{Minio: testservers.StartMinioBucket(t, bucket), bucket: bucket}
}

// store opens the S3 store at prefix in the bucket.
func (m *minio) store(t *testing.T, prefix string) worker.Browser {
	t.Helper()
	st, err := worker.OpenStore(context.Background(), "s3://"+m.bucket+"/"+prefix, worker.StoreOptions{Endpoint: m.Endpoint(), PathStyle: true})
	if err != nil {
		t.Fatal(err)
	}
	return st.(worker.Browser)
}
