package testservers

import (
	"crypto/tls"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"

	"github.com/redis/go-redis/v9"
)

// Redis is a real redis-server with append-only persistence, so a Stop
// and Start keeps its data (a Kill may lose the last second).
type Redis struct {
	proc     *Process
	t        testing.TB
	bin      string
	dir      string
	port     int
	password string
	tls      *tls.Config // client side, when started with RedisTLS
	extra    []string
}

// RedisOption changes how StartRedis starts the server.
type RedisOption func(*Redis)

// RedisPassword makes the server require a password.
func RedisPassword(pw string) RedisOption { return func(s *Redis) { s.password = pw } }

// RedisArgs adds redis-server command-line arguments ("--maxmemory",
// "10mb"); they come last, so they override the defaults.
func RedisArgs(args ...string) RedisOption {
	return func(s *Redis) { s.extra = append(s.extra, args...) }
}

// RedisTLS makes the server speak TLS only, with a certificate for
// 127.0.0.1 from a CA made for the test (see TLSConfig and CAFile).
func RedisTLS() RedisOption { return func(s *Redis) { s.tls = &tls.Config{} } }

// StartRedis starts redis-server (CALLTRUST_REDIS_SERVER, PATH or the
// test-deps cache) on a free loopback port with its own data folder and
// stops it when the test ends.
func StartRedis(t testing.TB, opts ...RedisOption) *Redis {
	t.Helper()
	bin := Find(t, "CALLTRUST_REDIS_SERVER", "redis-server")
	dir := t.TempDir()
	s := &Redis{t: t, bin: bin, dir: dir, port: FreePort(t)}
	for _, o := range opts {
		o(s)
	}
	if s.tls != nil {
		s.tls = writeTestCerts(t, dir)
	}
	s.proc = NewProcess(t, "redis-server", filepath.Join(dir, "redis.log"))
	s.Start()
	return s
}

// Port returns the server's loopback port.
func (s *Redis) Port() int { return s.port }

// Password returns the password the server requires, or "".
func (s *Redis) Password() string { return s.password }

// Addr returns host:port.
func (s *Redis) Addr() string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port)) }

// URL returns the server's redis:// (rediss:// with TLS) URL, database 0,
// with the password when there is one.
func (s *Redis) URL() string {
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
func (s *Redis) TLSConfig() *tls.Config {
	if s.tls == nil {
		return nil
	}
	return s.tls.Clone()
}

// CAFile returns the path of the PEM file of the CA that signed the
// server's TLS certificate.
func (s *Redis) CAFile() string { return filepath.Join(s.dir, "ca.pem") }

// Client returns a go-redis client on the server, closed when the test
// ends. It does not retry, so a stopped server shows at once.
func (s *Redis) Client() *redis.Client {
	c := redis.NewClient(&redis.Options{Addr: s.Addr(), Password: s.password, TLSConfig: s.TLSConfig(), MaxRetries: -1})
	s.t.Cleanup(func() { c.Close() })
	return c
}

// Start starts the server again on the same port with the same data. It
// must be called from the test's goroutine.
func (s *Redis) Start() {
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
	s.proc.Start(s.bin, args, os.Environ(), s.Ping)
}

// Stop shuts the server down with SIGTERM (it writes its data first) and
// waits for it to exit.
func (s *Redis) Stop() { s.proc.Signal(syscall.SIGTERM) }

// Kill ends the server with SIGKILL, as a crash would.
func (s *Redis) Kill() { s.proc.Signal(syscall.SIGKILL) }

// Ping wants PONG; a server still loading its data answers LOADING,
// which is not ready.
func (s *Redis) Ping() error {
	got, err := s.Do("PING")
	if err == nil && got != "PONG" {
		err = fmt.Errorf("PING: %q", got)
	}
	return err
}

// Do sends one command on a new connection (after AUTH when there is a
// password) and returns the simple or bulk string reply.
func (s *Redis) Do(args ...string) (string, error) {
	return do(s.Addr(), s.password, s.tls, args...)
}
