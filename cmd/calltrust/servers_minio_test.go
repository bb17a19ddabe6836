package main

// A real MinIO for the command tests that write to S3, from
// internal/testservers, with the flags and store that reach it.

import (
	"testing"

	"github.com/calltrust/calltrust/internal/testservers"
	"github.com/calltrust/calltrust/worker"
)

// cmdMinio is a running MinIO with one bucket.
type cmdMinio struct {
	*testservers.Minio
	bucket string
}

// startCmdMinio starts MinIO, makes a bucket and sets the AWS variables
// the store's default credential chain reads, for the rest of the test.
func startCmdMinio(t *testing.T) *cmdMinio {
	t.Helper()
	const bucket = "reports"
	return &cmdMinio{Minio: testservers.StartMinioBucket(t, bucket), bucket: bucket}
}

// storeArgs are the flags that point a command at this server.
func (m *cmdMinio) storeArgs() []string {
	return []string{"--endpoint", m.Endpoint(), "--path-style"}
}

// store opens the reports store at url on this server.
func (m *cmdMinio) store(t *testing.T, url string) worker.Store {
	t.Helper()
	st, err := worker.OpenStore(t.Context(), url, worker.StoreOptions{Endpoint: m.Endpoint(), PathStyle: true, Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	return st
}
