package testservers

import (
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

// Minio is a real MinIO server on one data folder, with random root
// credentials and a static KMS key so that SSE-S3 (AES256) and SSE-KMS
// (with KMSKeyID) work.
type Minio struct {
	proc        *Process
	t           testing.TB
	bin         string
	data        string
	port        int
	consolePort int
	accessKey   string
	secretKey   string
	kmsKey      string // MINIO_KMS_SECRET_KEY, the same across restarts
}

// StartMinio starts MinIO (CALLTRUST_MINIO, PATH or the test-deps cache)
// on free loopback ports and stops it when the test ends.
func StartMinio(t testing.TB) *Minio {
	t.Helper()
	bin := Find(t, "CALLTRUST_MINIO", "minio", MinioBinaryName)
	dir := t.TempDir()
	s := &Minio{
		t: t, bin: bin, data: filepath.Join(dir, "data"),
		port: FreePort(t), consolePort: FreePort(t),
		accessKey: "ct" + RandomHex(t, 8), secretKey: RandomHex(t, 20),
	}
	s.kmsKey = s.KMSKeyID() + ":" + base64.StdEncoding.EncodeToString(randomBytes(t, 32))
	if err := os.MkdirAll(filepath.Join(dir, "certs"), 0o755); err != nil {
		t.Fatal(err)
	}
	s.proc = NewProcess(t, "minio", filepath.Join(dir, "minio.log"))
	s.Start()
	return s
}

// StartMinioBucket starts MinIO, makes the bucket and sets the AWS
// variables of Env for the rest of the test (see SetAWSEnv).
func StartMinioBucket(t testing.TB, bucket string) *Minio {
	t.Helper()
	s := StartMinio(t)
	s.SetAWSEnv(t)
	s.CreateBucket(t, bucket)
	return s
}

// Start starts MinIO again on the same ports with the same data and keys.
// It must be called from the test's goroutine.
func (s *Minio) Start() {
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
	s.proc.Start(s.bin, args, env, s.ready)
}

// Stop shuts MinIO down with SIGTERM and waits for it to exit.
func (s *Minio) Stop() { s.proc.Signal(syscall.SIGTERM) }

// Kill ends MinIO with SIGKILL.
func (s *Minio) Kill() { s.proc.Signal(syscall.SIGKILL) }

func (s *Minio) ready() error { return MinioReady(s.Endpoint()) }

// MinioReady asks the MinIO at endpoint whether it is ready to serve,
// returning nil when it is.
func MinioReady(endpoint string) error {
	c := http.Client{Timeout: 2 * time.Second}
	resp, err := c.Get(endpoint + "/minio/health/ready")
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
func (s *Minio) Endpoint() string {
	return "http://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port))
}

// AccessKey returns the root access key.
func (s *Minio) AccessKey() string { return s.accessKey }

// SecretKey returns the root secret key.
func (s *Minio) SecretKey() string { return s.secretKey }

// KMSKeyID returns the name of MinIO's KMS key, for SSE "aws:kms".
func (s *Minio) KMSKeyID() string { return "calltrust-test-key" }

// Env returns the environment a calltrust process needs to reach this
// server: AWS credentials and region, and the CALLTRUST_ endpoint flags.
func (s *Minio) Env() []string {
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
// that the store's default credential chain finds this server's keys.
// Tests using it cannot run in parallel.
func (s *Minio) SetAWSEnv(t testing.TB) {
	for _, kv := range s.Env() {
		if k, v, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "AWS_") {
			t.Setenv(k, v)
		}
	}
}

// Client returns an S3 client with the root credentials, for checks the
// store does not offer (HeadObject) and for setting up buckets.
func (s *Minio) Client() *s3.Client {
	return s3.New(s3.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(s.Endpoint()),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider(s.accessKey, s.secretKey, ""),
	})
}

// CreateBucket makes a bucket and returns its URL, "s3://name/".
func (s *Minio) CreateBucket(t testing.TB, name string) string {
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

// RandomHex returns n random bytes in hex, for keys, passwords and names
// that must not collide between tests.
func RandomHex(t testing.TB, n int) string { return hex.EncodeToString(randomBytes(t, n)) }
