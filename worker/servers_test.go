package worker

// Real servers for integration tests, redis-server and MinIO, come from
// internal/testservers; what is here adds what only worker's tests need:
// the batch bookkeeping on a server and the StoreOptions that reach it.

import (
	"testing"

	"github.com/calltrust/calltrust/internal/testservers"
	"github.com/calltrust/calltrust/queue"
	"github.com/hibiken/asynq"
)

// redisServer is a real redis-server, restartable on the same port with
// the same data.
type redisServer struct{ *testservers.Redis }

// startRedis starts redis-server on a free loopback port and stops it
// when the test ends.
func startRedis(t testing.TB, opts ...testservers.RedisOption) *redisServer {
	t.Helper()
	return &redisServer{testservers.StartRedis(t, opts...)}
}

// Book returns the batch bookkeeping on this server, closed when the test
// ends, and the connection options that reach the server.
func (s *redisServer) Book(t testing.TB) (*queue.Book, asynq.RedisClientOpt) {
	t.Helper()
	conn, err := queue.ParseRedisURL(s.URL())
	if err != nil {
		t.Fatal(err)
	}
	return openBook(t, conn), conn
}

// openBook returns the batch bookkeeping reached through conn, closed
// when the test ends.
func openBook(t testing.TB, conn asynq.RedisConnOpt) *queue.Book {
	t.Helper()
	rdb, err := queue.NewRedisClient(conn)
	if err != nil {
		t.Fatal(err)
	}
	book := queue.NewBook(rdb)
	t.Cleanup(func() { book.Close() })
	return book
}

// minioServer is a real MinIO, restartable with the same data and keys.
type minioServer struct{ *testservers.Minio }

// startMinio starts MinIO on free loopback ports and stops it when the
// test ends.
func startMinio(t testing.TB) *minioServer {
	t.Helper()
	return &minioServer{testservers.StartMinio(t)}
}

// Options returns the StoreOptions that reach this server.
func (s *minioServer) Options() StoreOptions {
	return StoreOptions{Endpoint: s.Endpoint(), PathStyle: true, Region: "us-east-1"}
}
