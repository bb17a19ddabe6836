package serve

// A real MinIO for the S3 tests, started on loopback ports chosen at run
// time with random root credentials, and stopped when the test ends.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/calltrust/calltrust/worker"
)

const minioBinaryName = "minio-20260212201848" // what scripts/test-deps builds

// minioBinary finds MinIO: CALLTRUST_MINIO, PATH, or the cache folder
// scripts/test-deps fills. Missing, the test skips, or fails when CI=true.
func minioBinary(t *testing.T) string {
	t.Helper()
	p := os.Getenv("CALLTRUST_MINIO")
	if p == "" {
		if found, err := exec.LookPath("minio"); err == nil {
			return found
		}
		cache := os.Getenv("CALLTRUST_CACHE")
		if cache == "" {
			home, _ := os.UserHomeDir()
			cache = filepath.Join(home, ".cache", "calltrust", "bin")
		}
		p = filepath.Join(cache, minioBinaryName)
	}
	if _, err := os.Stat(p); err != nil {
		msg := fmt.Sprintf("MinIO not found (CALLTRUST_MINIO, PATH, %s); install it with: eval \"$(scripts/test-deps)\"", p)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return p
}

func loopbackPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

// minio is a running MinIO with one bucket.
type minio struct {
	endpoint, bucket, access, secret string
}

// startMinio starts MinIO, makes a bucket and sets the AWS variables the
// store's default credential chain reads, for the rest of the test.
func startMinio(t *testing.T) *minio {
	t.Helper()
	bin := minioBinary(t)
	dir := t.TempDir()
	key := make([]byte, 16)
	_, _ = rand.Read(key)
	m := &minio{bucket: "reports", access: "ct" + hex.EncodeToString(key[:6]), secret: hex.EncodeToString(key)}
	port := loopbackPort(t)
	m.endpoint = "http://127.0.0.1:" + port
	logf, err := os.Create(filepath.Join(dir, "minio.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "server", filepath.Join(dir, "data"), "--quiet",
		"--address", "127.0.0.1:"+port, "--console-address", "127.0.0.1:"+loopbackPort(t))
	cmd.Env = append(os.Environ(), "MINIO_ROOT_USER="+m.access, "MINIO_ROOT_PASSWORD="+m.secret, "MINIO_BROWSER=off", "MINIO_UPDATE=off")
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		logf.Close()
		if t.Failed() {
			b, _ := os.ReadFile(logf.Name())
			t.Logf("minio log:\n%s", b)
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(m.endpoint + "/minio/health/ready")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("MinIO not ready after 60 s: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	for k, v := range map[string]string{"AWS_ACCESS_KEY_ID": m.access, "AWS_SECRET_ACCESS_KEY": m.secret, "AWS_SESSION_TOKEN": "",
		"AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true"} {
		t.Setenv(k, v)
	}
	client := s3.New(s3.Options{Region: "us-east-1", BaseEndpoint: aws.String(m.endpoint), UsePathStyle: true,
		Credentials: credentials.NewStaticCredentialsProvider(m.access, m.secret, "")})
	if _, err := client.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(m.bucket)}); err != nil {
		t.Fatalf("create bucket: %v", err)
	}
	return m
}

// store opens the S3 store at prefix in the bucket.
func (m *minio) store(t *testing.T, prefix string) worker.Browser {
	t.Helper()
	st, err := worker.OpenStore(context.Background(), "s3://"+m.bucket+"/"+prefix, worker.StoreOptions{Endpoint: m.endpoint, PathStyle: true})
	if err != nil {
		t.Fatal(err)
	}
	return st.(worker.Browser)
}
