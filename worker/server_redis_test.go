package worker

// A real redis-server for integration tests, with a password or TLS when
// a test asks.

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/calltrust/calltrust/queue"
	"github.com/hibiken/asynq"
)

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

// Book returns the batch bookkeeping on this server, closed when the test
// ends, and the connection options that reach the server.
func (s *redisServer) Book(t testing.TB) (*queue.Book, asynq.RedisClientOpt) {
	t.Helper()
	conn, err := queue.ParseRedisURL(s.URL())
	if err != nil {
		t.Fatal(err)
	}
	rdb, err := queue.NewRedisClient(conn)
	if err != nil {
		t.Fatal(err)
	}
	book := queue.NewBook(rdb)
	t.Cleanup(func() { book.Close() })
	return book, conn
}
