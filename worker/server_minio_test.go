package worker

// A real MinIO for integration tests.

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// minioServer is a real MinIO server on one data folder, with random
// root credentials and a static KMS key so that SSE-S3 (AES256) and
// SSE-KMS (with KMSKeyID) work.
type minioServer struct {
	process
	bin         string
	data        string
	port        int
	consolePort int
	accessKey   string
	secretKey   string
	kmsKey      string // MINIO_KMS_SECRET_KEY, the same across restarts
}

// startMinio starts MinIO on free loopback ports and stops it when the
// test ends.
func startMinio(t testing.TB) *minioServer {
	t.Helper()
	bin := findServer(t, "CALLTRUST_MINIO", "minio", minioBinaryName)
	dir := t.TempDir()
	s := &minioServer{
		bin: bin, data: filepath.Join(dir, "data"),
		port: freePort(t), consolePort: freePort(t),
		accessKey: "ct" + randomHex(t, 8), secretKey: randomHex(t, 20),
	}
	s.kmsKey = s.KMSKeyID() + ":" + base64.StdEncoding.EncodeToString(randomBytes(t, 32))
	s.process = process{t: t, name: "minio", log: filepath.Join(dir, "minio.log")}
	if err := os.MkdirAll(filepath.Join(dir, "certs"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.cleanup)
	s.Start()
	return s
}

// Start starts MinIO again on the same ports with the same data and keys.
// It must be called from the test's goroutine.
func (s *minioServer) Start() {
	s.t.Helper()
	args := []string{"server", s.data, "--quiet",
		"--address", net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port)),
		"--console-address", net.JoinHostPort("127.0.0.1", strconv.Itoa(s.consolePort)),
		"--certs-dir", filepath.Join(filepath.Dir(s.data), "certs"),
	}
	env := append(os.Environ(),
		"MINIO_ROOT_USER="+s.accessKey,
		"MINIO_ROOT_PASSWORD="+s.secretKey,
		"MINIO_KMS_SECRET_KEY="+s.kmsKey,
		"MINIO_BROWSER=off",
		"MINIO_UPDATE=off",
	)
	s.start(s.bin, args, env, s.ready)
}

// Stop shuts MinIO down with SIGTERM and waits for it to exit.
func (s *minioServer) Stop() { s.signal(syscall.SIGTERM) }

// Kill ends MinIO with SIGKILL.
func (s *minioServer) Kill() { s.signal(syscall.SIGKILL) }

func (s *minioServer) ready() error {
	c := http.Client{Timeout: 2 * time.Second}
	resp, err := c.Get(s.Endpoint() + "/minio/health/ready")
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("health: %s", resp.Status)
	}
	return nil
}

// Endpoint returns the S3 endpoint URL, http://127.0.0.1:PORT.
func (s *minioServer) Endpoint() string {
	return "http://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port))
}

// AccessKey returns the root access key.
func (s *minioServer) AccessKey() string { return s.accessKey }

// SecretKey returns the root secret key.
func (s *minioServer) SecretKey() string { return s.secretKey }

// KMSKeyID returns the name of MinIO's KMS key, for SSE "aws:kms".
func (s *minioServer) KMSKeyID() string { return "calltrust-test-key" }

// Options returns the StoreOptions that reach this server.
func (s *minioServer) Options() StoreOptions {
	return StoreOptions{Endpoint: s.Endpoint(), PathStyle: true, Region: "us-east-1"}
}

// Env returns the environment a calltrust process needs to reach this
// server: AWS credentials and region, and the CALLTRUST_ endpoint flags.
func (s *minioServer) Env() []string {
	return []string{
		"AWS_ACCESS_KEY_ID=" + s.accessKey,
		"AWS_SECRET_ACCESS_KEY=" + s.secretKey,
		"AWS_SESSION_TOKEN=",
		"AWS_REGION=us-east-1",
		"AWS_EC2_METADATA_DISABLED=true",
		"CALLTRUST_ENDPOINT=" + s.Endpoint(),
		"CALLTRUST_PATH_STYLE=true",
	}
}

// SetAWSEnv sets the AWS variables of Env for the rest of the test, so
// that OpenStore's default credential chain finds this server's keys.
// Tests using it cannot run in parallel.
func (s *minioServer) SetAWSEnv(t testing.TB) {
	for _, kv := range s.Env() {
		if k, v, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "AWS_") {
			t.Setenv(k, v)
		}
	}
}

// Client returns an S3 client with the root credentials, for checks the
// Store does not offer (HeadObject) and for setting up buckets.
func (s *minioServer) Client() *s3.Client {
	return s3.New(s3.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(s.Endpoint()),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider(s.accessKey, s.secretKey, ""),
	})
}

// CreateBucket makes a bucket and returns its URL, "s3://name/".
func (s *minioServer) CreateBucket(t testing.TB, name string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := s.Client().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
		t.Fatalf("create bucket %s: %v", name, err)
	}
	return "s3://" + name + "/"
}

func randomBytes(t testing.TB, n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

func randomHex(t testing.TB, n int) string { return hex.EncodeToString(randomBytes(t, n)) }

// TestServersRedis checks the redis-server helper itself: data survives a
// Stop and Start on the same port, and password and TLS servers answer.
func TestServersRedis(t *testing.T) {
	t.Run("restart keeps data", func(t *testing.T) {
		s := startRedis(t)
		if _, err := s.do("SET", "batch:b1", "kept"); err != nil {
			t.Fatal(err)
		}
		s.Stop()
		if err := s.ping(); err == nil {
			t.Fatal("server answers after Stop")
		}
		s.Start()
		if got, err := s.do("GET", "batch:b1"); got != "kept" {
			t.Errorf("GET after restart = %q, %v; want kept", got, err)
		}
		s.Kill()
		s.Start()
		if got, err := s.do("GET", "batch:b1"); got != "kept" {
			t.Errorf("GET after kill and start = %q, %v; want kept", got, err)
		}
	})
	t.Run("password", func(t *testing.T) {
		s := startRedis(t, redisPassword("pw-"+randomHex(t, 4)))
		if !strings.HasPrefix(s.URL(), "redis://:pw-") {
			t.Errorf("URL %q lacks the password", s.URL())
		}
		c, err := net.Dial("tcp", s.Addr())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if got, err := respDo(c, bufio.NewReader(c), "PING"); err == nil {
			t.Errorf("PING without AUTH answered %q", got)
		}
	})
	t.Run("tls", func(t *testing.T) {
		s := startRedis(t, redisTLS())
		if !strings.HasPrefix(s.URL(), "rediss://") || s.TLSConfig() == nil {
			t.Errorf("URL %q, TLS config %v", s.URL(), s.TLSConfig())
		}
		if _, err := net.DialTimeout("tcp", s.Addr(), time.Second); err != nil {
			t.Fatal(err)
		}
		if got, err := s.do("ECHO", "over tls"); got != "over tls" {
			t.Errorf("ECHO = %q, %v", got, err)
		}
	})
}
