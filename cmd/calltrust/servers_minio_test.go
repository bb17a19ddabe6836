package main

// A real MinIO for the command tests that write to S3, on loopback ports
// chosen at run time with random root credentials and its own data
// folder, stopped when the test ends. When the binary is missing the test
// is skipped, or fails when CI=true.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/calltrust/calltrust/worker"
)

const cmdMinioBinary = "minio-20260212201848" // what scripts/test-deps builds

// cmdMinio is a running MinIO with one bucket.
type cmdMinio struct {
	endpoint, bucket string
}

// minioPath finds MinIO: CALLTRUST_MINIO, PATH, or the cache folder
// scripts/test-deps fills. Missing, the test skips, or fails when CI=true.
func minioPath(t *testing.T) string {
	t.Helper()
	missing := func(why string) {
		t.Helper()
		msg := why + `; install it with: eval "$(scripts/test-deps)"`
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	if p := os.Getenv("CALLTRUST_MINIO"); p != "" {
		if _, err := os.Stat(p); err != nil {
			missing(fmt.Sprintf("CALLTRUST_MINIO=%s: %v", p, err))
		}
		return p
	}
	if p, err := exec.LookPath("minio"); err == nil {
		return p
	}
	cache := os.Getenv("CALLTRUST_CACHE")
	if cache == "" {
		home, _ := os.UserHomeDir()
		cache = filepath.Join(home, ".cache", "calltrust", "bin")
	}
	p := filepath.Join(cache, cmdMinioBinary)
	if _, err := os.Stat(p); err != nil {
		missing(fmt.Sprintf("MinIO not found (not in CALLTRUST_MINIO, on PATH or at %s)", p))
	}
	return p
}

// startCmdMinio starts MinIO, makes a bucket and sets the AWS variables
// the store's default credential chain reads, for the rest of the test.
func startCmdMinio(t *testing.T) *cmdMinio {
	t.Helper()
	bin := minioPath(t)
	dir := t.TempDir()
	key := make([]byte, 16)
	_, _ = rand.Read(key)
	access, secret := "ct"+hex.EncodeToString(key[:6]), hex.EncodeToString(key)
	port := strconv.Itoa(freeCmdPort(t))
	m := &cmdMinio{endpoint: "http://127.0.0.1:" + port, bucket: "reports"}
	logf, err := os.Create(filepath.Join(dir, "minio.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "server", filepath.Join(dir, "data"), "--quiet",
		"--address", "127.0.0.1:"+port, "--console-address", "127.0.0.1:"+strconv.Itoa(freeCmdPort(t)))
	cmd.Env = append(os.Environ(), "MINIO_ROOT_USER="+access, "MINIO_ROOT_PASSWORD="+secret, "MINIO_BROWSER=off", "MINIO_UPDATE=off")
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
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
	for k, v := range map[string]string{"AWS_ACCESS_KEY_ID": access, "AWS_SECRET_ACCESS_KEY": secret, "AWS_SESSION_TOKEN": "",
		"AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true"} {
		t.Setenv(k, v)
	}
	client := s3.New(s3.Options{Region: "us-east-1", BaseEndpoint: aws.String(m.endpoint), UsePathStyle: true,
		Credentials: credentials.NewStaticCredentialsProvider(access, secret, "")})
	if _, err := client.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(m.bucket)}); err != nil {
		t.Fatalf("create bucket: %v", err)
	}
	return m
}

// storeArgs are the flags that point a command at this server.
func (m *cmdMinio) storeArgs() []string {
	return []string{"--endpoint", m.endpoint, "--path-style"}
}

// store opens the reports store at url on this server.
func (m *cmdMinio) store(t *testing.T, url string) worker.Store {
	t.Helper()
	st, err := worker.OpenStore(t.Context(), url, worker.StoreOptions{Endpoint: m.endpoint, PathStyle: true, Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	return st
}
