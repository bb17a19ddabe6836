package worker

// Real servers for integration tests: redis-server and MinIO, each on
// loopback ports chosen at run time, with its own data folder, stopped in
// t.Cleanup. When a binary is missing the test is skipped with what to
// install, or fails when CI=true.

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

const (
	minioBinaryName = "minio-20260212201848" // what scripts/test-deps builds
	serverReadyWait = 60 * time.Second
	serverStopWait  = 15 * time.Second
)

// freePort returns a loopback TCP port that was free a moment ago.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// findServer returns the path of a server binary: from the environment
// variable env, else PATH, else the cache folder scripts/test-deps fills.
// When it is missing the test is skipped, or fails when CI=true.
func findServer(t testing.TB, env string, names ...string) string {
	t.Helper()
	if p := os.Getenv(env); p != "" {
		if _, err := os.Stat(p); err != nil {
			missingServer(t, fmt.Sprintf("%s=%s: %v", env, p, err))
		}
		return p
	}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	cache := os.Getenv("CALLTRUST_CACHE")
	if cache == "" {
		home, _ := os.UserHomeDir()
		cache = filepath.Join(home, ".cache", "calltrust", "bin")
	}
	for _, n := range names {
		if p := filepath.Join(cache, n); isExecutable(p) {
			return p
		}
	}
	missingServer(t, fmt.Sprintf("%s not found (not in %s, on PATH or in %s)", names[0], env, cache))
	return ""
}

func missingServer(t testing.TB, why string) {
	t.Helper()
	msg := why + `; install the test servers (redis-server, MinIO, Chromium) with: eval "$(scripts/test-deps)"`
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0
}

// process is a server process that can be stopped and started again.
type process struct {
	t    testing.TB
	name string
	log  string // file taking the server's stdout and stderr

	mu     sync.Mutex
	cmd    *exec.Cmd
	exited chan struct{}
}

// start runs bin with args and env, then waits for ready to succeed.
func (p *process) start(bin string, args, env []string, ready func() error) {
	p.t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cmd != nil {
		return
	}
	logf, err := os.OpenFile(p.log, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		p.t.Fatalf("%s: %v", p.name, err)
	}
	defer logf.Close()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{}
	killWithParent(cmd.SysProcAttr)
	if err := cmd.Start(); err != nil {
		p.t.Fatalf("%s: start %s: %v", p.name, bin, err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	p.cmd, p.exited = cmd, exited

	deadline := time.Now().Add(serverReadyWait)
	for {
		err := ready()
		if err == nil {
			return
		}
		select {
		case <-exited:
			p.cmd = nil
			p.t.Fatalf("%s exited while starting (%v); log:\n%s", p.name, cmd.ProcessState, p.logTail())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("%s not ready after %v: %v; log:\n%s", p.name, serverReadyWait, err, p.logTail())
		}
	}
}

// signal sends sig and waits for the process to end (SIGKILL after
// serverStopWait).
func (p *process) signal(sig os.Signal) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cmd == nil {
		return
	}
	_ = p.cmd.Process.Signal(sig)
	select {
	case <-p.exited:
	case <-time.After(serverStopWait):
		_ = p.cmd.Process.Kill()
		<-p.exited
	}
	p.cmd = nil
}

// cleanup kills the process at the end of the test, showing its log when
// the test failed.
func (p *process) cleanup() {
	p.signal(syscall.SIGKILL)
	if p.t.Failed() {
		p.t.Logf("%s log:\n%s", p.name, p.logTail())
	}
}

func (p *process) logTail() string {
	b, _ := os.ReadFile(p.log)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// killWithParent asks the kernel to kill the server when the test binary
// dies (a test timeout skips t.Cleanup). Pdeathsig exists on Linux only,
// hence reflection, which keeps the file building elsewhere.
func killWithParent(attr *syscall.SysProcAttr) {
	if f := reflect.ValueOf(attr).Elem().FieldByName("Pdeathsig"); f.IsValid() && f.CanSet() {
		f.Set(reflect.ValueOf(syscall.SIGKILL))
	}
}

// redisServer is a real redis-server with append-only persistence, so a
// Stop and Start keeps its data (a Kill may lose the last second).
type redisServer struct {
	process
	bin      string
	dir      string
	port     int
	password string
	tls      *tls.Config // client side, when started with redisTLS
	extra    []string
}

// redisOption changes how startRedis starts the server.
type redisOption func(*redisServer)

// redisPassword makes the server require a password.
func redisPassword(pw string) redisOption { return func(s *redisServer) { s.password = pw } }

// redisArgs adds redis-server command-line arguments ("--maxmemory", "10mb").
func redisArgs(args ...string) redisOption {
	return func(s *redisServer) { s.extra = append(s.extra, args...) }
}

// redisTLS makes the server speak TLS only, with a certificate for
// 127.0.0.1 from a CA made for the test (see TLSConfig and CAFile).
func redisTLS() redisOption { return func(s *redisServer) { s.tls = &tls.Config{} } }

// startRedis starts redis-server on a free loopback port with its own
// data folder and stops it when the test ends.
func startRedis(t testing.TB, opts ...redisOption) *redisServer {
	t.Helper()
	bin := findServer(t, "CALLTRUST_REDIS_SERVER", "redis-server")
	dir := t.TempDir()
	s := &redisServer{bin: bin, dir: dir, port: freePort(t)}
	s.process = process{t: t, name: "redis-server", log: filepath.Join(dir, "redis.log")}
	for _, o := range opts {
		o(s)
	}
	if s.tls != nil {
		s.tls = writeTestCerts(t, dir)
	}
	t.Cleanup(s.cleanup)
	s.Start()
	return s
}

// Addr returns host:port.
func (s *redisServer) Addr() string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port)) }

// URL returns the server's redis:// (rediss:// with TLS) URL, database 0,
// with the password when there is one.
func (s *redisServer) URL() string {
	scheme, auth := "redis", ""
	if s.tls != nil {
		scheme = "rediss"
	}
	if s.password != "" {
		auth = ":" + s.password + "@"
	}
	return scheme + "://" + auth + s.Addr() + "/0"
}

// TLSConfig returns a client TLS configuration trusting the server's CA,
// or nil when the server does not use TLS.
func (s *redisServer) TLSConfig() *tls.Config {
	if s.tls == nil {
		return nil
	}
	return s.tls.Clone()
}

// CAFile returns the path of the PEM file of the CA that signed the
// server's TLS certificate.
func (s *redisServer) CAFile() string { return filepath.Join(s.dir, "ca.pem") }

// Start starts the server again on the same port with the same data. It
// must be called from the test's goroutine.
func (s *redisServer) Start() {
	s.t.Helper()
	args := []string{
		"--bind", "127.0.0.1", "--dir", s.dir, "--daemonize", "no",
		"--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
		"--logfile", "", "--protected-mode", "no",
	}
	if s.tls != nil {
		args = append(args, "--port", "0", "--tls-port", strconv.Itoa(s.port),
			"--tls-cert-file", filepath.Join(s.dir, "server.pem"),
			"--tls-key-file", filepath.Join(s.dir, "server-key.pem"),
			"--tls-ca-cert-file", s.CAFile(), "--tls-auth-clients", "no")
	} else {
		args = append(args, "--port", strconv.Itoa(s.port))
	}
	if s.password != "" {
		args = append(args, "--requirepass", s.password)
	}
	args = append(args, s.extra...)
	s.start(s.bin, args, os.Environ(), s.ping)
}

// Stop shuts the server down with SIGTERM (it writes its data first) and
// waits for it to exit.
func (s *redisServer) Stop() { s.signal(syscall.SIGTERM) }

// Kill ends the server with SIGKILL, as a crash would.
func (s *redisServer) Kill() { s.signal(syscall.SIGKILL) }

// ping wants PONG; a server still loading its data answers LOADING,
// which is not ready.
func (s *redisServer) ping() error {
	got, err := s.do("PING")
	if err == nil && got != "PONG" {
		err = fmt.Errorf("PING: %q", got)
	}
	return err
}

// do sends one command on a new connection (after AUTH when there is a
// password) and returns the simple or bulk string reply.
func (s *redisServer) do(args ...string) (string, error) {
	d := net.Dialer{Timeout: time.Second}
	var c net.Conn
	var err error
	if s.tls != nil {
		c, err = tls.DialWithDialer(&d, "tcp", s.Addr(), s.tls)
	} else {
		c, err = d.Dial("tcp", s.Addr())
	}
	if err != nil {
		return "", err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(2 * time.Second))
	r := bufio.NewReader(c)
	if s.password != "" {
		if _, err := respDo(c, r, "AUTH", s.password); err != nil {
			return "", err
		}
	}
	return respDo(c, r, args...)
}

// respDo sends one command and reads a simple or bulk string reply.
func respDo(c net.Conn, r *bufio.Reader, args ...string) (string, error) {
	if _, err := c.Write(respCommand(args...)); err != nil {
		return "", err
	}
	line, err := r.ReadString('\n')
	if err != nil {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	switch {
	case strings.HasPrefix(line, "+"):
		return line[1:], nil
	case strings.HasPrefix(line, "$") && line != "$-1":
		v, err := r.ReadString('\n')
		return strings.TrimRight(v, "\r\n"), err
	}
	return "", fmt.Errorf("%s: %q", args[0], line)
}

// respCommand encodes a command in RESP.
func respCommand(args ...string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "*%d\r\n", len(args))
	for _, a := range args {
		fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(a), a)
	}
	return []byte(b.String())
}

// writeTestCerts writes a CA (ca.pem) and a server certificate for
// 127.0.0.1 signed by it (server.pem, server-key.pem) into dir, and
// returns a client configuration that trusts the CA.
func writeTestCerts(t testing.TB, dir string) *tls.Config {
	t.Helper()
	newKey := func() *ecdsa.PrivateKey {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	caKey, srvKey := newKey(), newKey()
	now := time.Now()
	ca := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "calltrust test CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caCert, _ := x509.ParseCertificate(caDER)
	srv := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	srvDER, err := x509.CreateCertificate(rand.Reader, srv, caCert, &srvKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(srvKey)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, typ string, der []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("ca.pem", "CERTIFICATE", caDER)
	write("server.pem", "CERTIFICATE", srvDER)
	write("server-key.pem", "EC PRIVATE KEY", keyDER)
	pool := x509.NewCertPool()
	pool.AddCert(caCert)
	return &tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
}

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
