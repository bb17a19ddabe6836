package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/calltrust/calltrust/internal/testservers"
)

// findServer returns a server binary as the tests find it: from the
// environment variable env, else PATH, else the cache folder
// scripts/test-deps fills.
func findServer(env string, names ...string) (string, error) {
	p, err := testservers.Lookup(env, names...)
	if err != nil {
		return "", fmt.Errorf(`%w; install it with: eval "$(scripts/test-deps)"`, err)
	}
	return p, nil
}

// freePort returns a loopback TCP port that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// server is a running server process.
type server struct {
	name string
	cmd  *exec.Cmd
	done chan struct{}
	log  string
}

// startServer runs bin and waits until ready succeeds.
func startServer(name, bin string, args, env []string, logPath string, ready func() error) (*server, error) {
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer logf.Close()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	s := &server{name: name, cmd: cmd, done: make(chan struct{}), log: logPath}
	go func() { _ = cmd.Wait(); close(s.done) }()
	deadline := time.Now().Add(60 * time.Second)
	for {
		err := ready()
		if err == nil {
			return s, nil
		}
		select {
		case <-s.done:
			return nil, fmt.Errorf("%s exited while starting; see %s", name, logPath)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, fmt.Errorf("%s not ready after 60s: %v; see %s", name, err, logPath)
		}
	}
}

// stop ends the server with SIGTERM, then SIGKILL after 10 seconds.
func (s *server) stop() {
	if s == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// redis is a redis-server on a loopback port.
type redis struct {
	*server
	addr string
}

// startRedis starts redis-server with append-only persistence, as a
// production queue would run, in its own data folder.
func startRedis(dir string) (*redis, error) {
	bin, err := findServer("CALLTRUST_REDIS_SERVER", "redis-server")
	if err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	r := &redis{addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port))}
	args := []string{"--bind", "127.0.0.1", "--port", strconv.Itoa(port), "--dir", dir, "--daemonize", "no",
		"--appendonly", "yes", "--appendfsync", "everysec", "--save", "", "--logfile", "", "--protected-mode", "no"}
	r.server, err = startServer("redis-server", bin, args, os.Environ(), filepath.Join(dir, "redis.log"), func() error {
		got, err := r.do("PING")
		if err == nil && got != "PONG" {
			err = fmt.Errorf("PING: %q", got)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// URL returns the server's redis:// URL, database 0.
func (r *redis) URL() string { return "redis://" + r.addr + "/0" }

// flush empties the server between measurements.
func (r *redis) flush() error {
	_, err := r.do("FLUSHALL")
	return err
}

// do sends one command and returns a simple string reply.
func (r *redis) do(args ...string) (string, error) {
	c, err := net.DialTimeout("tcp", r.addr, time.Second)
	if err != nil {
		return "", err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(30 * time.Second))
	var b strings.Builder
	fmt.Fprintf(&b, "*%d\r\n", len(args))
	for _, a := range args {
		fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(a), a)
	}
	if _, err := c.Write([]byte(b.String())); err != nil {
		return "", err
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if !strings.HasPrefix(line, "+") {
		return "", fmt.Errorf("%s: %q", args[0], line)
	}
	return line[1:], nil
}

// minio is a MinIO server on one data folder with random root keys.
type minio struct {
	*server
	endpoint             string
	accessKey, secretKey string
}

// startMinio starts MinIO on loopback ports in dir.
func startMinio(dir string) (*minio, error) {
	bin, err := findServer("CALLTRUST_MINIO", "minio", testservers.MinioBinaryName)
	if err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	console, err := freePort()
	if err != nil {
		return nil, err
	}
	m := &minio{endpoint: "http://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(port)),
		accessKey: "bench" + randomHex(6), secretKey: randomHex(20)}
	args := []string{"server", filepath.Join(dir, "data"), "--quiet",
		"--address", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)),
		"--console-address", net.JoinHostPort("127.0.0.1", strconv.Itoa(console)),
		"--certs-dir", filepath.Join(dir, "certs")}
	env := append(os.Environ(), "MINIO_ROOT_USER="+m.accessKey, "MINIO_ROOT_PASSWORD="+m.secretKey,
		"MINIO_BROWSER=off", "MINIO_UPDATE=off")
	if err := os.MkdirAll(filepath.Join(dir, "certs"), 0o755); err != nil {
		return nil, err
	}
	m.server, err = startServer("minio", bin, args, env, filepath.Join(dir, "minio.log"), func() error {
		return testservers.MinioReady(m.endpoint)
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// env is what a calltrust process needs to reach the server.
func (m *minio) env() []string {
	return []string{
		"AWS_ACCESS_KEY_ID=" + m.accessKey, "AWS_SECRET_ACCESS_KEY=" + m.secretKey, "AWS_SESSION_TOKEN=",
		"AWS_REGION=us-east-1", "AWS_EC2_METADATA_DISABLED=true",
		"CALLTRUST_ENDPOINT=" + m.endpoint, "CALLTRUST_PATH_STYLE=true",
	}
}

// client returns an S3 client with the root keys.
func (m *minio) client() *s3.Client {
	return s3.New(s3.Options{
		Region: "us-east-1", BaseEndpoint: aws.String(m.endpoint), UsePathStyle: true,
		Credentials: credentials.NewStaticCredentialsProvider(m.accessKey, m.secretKey, ""),
	})
}

// createBucket makes a bucket.
func (m *minio) createBucket(ctx context.Context, name string) error {
	_, err := m.client().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)})
	return err
}

// exists reports whether an object exists.
func exists(ctx context.Context, c *s3.Client, bucket, key string) bool {
	_, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	return err == nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
