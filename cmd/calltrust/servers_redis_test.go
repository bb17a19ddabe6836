package main

// A real redis-server for the command tests, on a loopback port chosen at
// run time with its own data folder, stopped when the test ends. When the
// binary is missing the test is skipped, or fails when CI=true.

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// cmdRedis is a redis-server with append-only persistence, so that a Stop
// and Start keeps its data.
type cmdRedis struct {
	t        *testing.T
	bin, dir string
	port     int
	password string
	cmd      *exec.Cmd
	exited   chan struct{}
}

// startCmdRedis starts redis-server, with a password when one is given.
func startCmdRedis(t *testing.T, password string) *cmdRedis {
	t.Helper()
	bin := os.Getenv("CALLTRUST_REDIS_SERVER")
	if bin == "" {
		var err error
		if bin, err = exec.LookPath("redis-server"); err != nil {
			msg := `redis-server not found (not in CALLTRUST_REDIS_SERVER or on PATH); install it with: eval "$(scripts/test-deps)"`
			if os.Getenv("CI") == "true" {
				t.Fatal(msg)
			}
			t.Skip(msg)
		}
	}
	r := &cmdRedis{t: t, bin: bin, dir: t.TempDir(), port: freeCmdPort(t), password: password}
	t.Cleanup(func() { r.signal(syscall.SIGKILL) })
	r.Start()
	return r
}

// freeCmdPort returns a loopback TCP port that was free a moment ago.
func freeCmdPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Addr returns host:port.
func (r *cmdRedis) Addr() string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(r.port)) }

// URL returns the redis:// URL of database 0, with the password.
func (r *cmdRedis) URL() string {
	auth := ""
	if r.password != "" {
		auth = ":" + r.password + "@"
	}
	return "redis://" + auth + r.Addr() + "/0"
}

// Client returns a go-redis client on the server, closed when the test
// ends.
func (r *cmdRedis) Client() *redis.Client {
	c := redis.NewClient(&redis.Options{Addr: r.Addr(), Password: r.password, MaxRetries: -1})
	r.t.Cleanup(func() { c.Close() })
	return c
}

// Start starts the server on its port with its data and waits for PONG.
func (r *cmdRedis) Start() {
	r.t.Helper()
	args := []string{"--port", strconv.Itoa(r.port), "--bind", "127.0.0.1", "--dir", r.dir,
		"--appendonly", "yes", "--appendfsync", "always", "--save", "", "--daemonize", "no",
		"--logfile", filepath.Join(r.dir, "redis.log")}
	if r.password != "" {
		args = append(args, "--requirepass", r.password)
	}
	r.cmd = exec.Command(r.bin, args...)
	r.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := r.cmd.Start(); err != nil {
		r.t.Fatalf("start redis-server: %v", err)
	}
	r.exited = make(chan struct{})
	go func(cmd *exec.Cmd, done chan struct{}) { _ = cmd.Wait(); close(done) }(r.cmd, r.exited)
	c := redis.NewClient(&redis.Options{Addr: r.Addr(), Password: r.password, MaxRetries: -1})
	defer c.Close()
	deadline := time.Now().Add(30 * time.Second)
	for {
		err := c.Ping(r.t.Context()).Err()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(filepath.Join(r.dir, "redis.log"))
			r.t.Fatalf("redis-server not ready: %v\n%s", err, b)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Stop ends the server with SIGTERM (it writes its data first).
func (r *cmdRedis) Stop() { r.signal(syscall.SIGTERM) }

func (r *cmdRedis) signal(sig syscall.Signal) {
	if r.cmd == nil {
		return
	}
	_ = r.cmd.Process.Signal(sig)
	select {
	case <-r.exited:
	case <-time.After(15 * time.Second):
		_ = r.cmd.Process.Kill()
		<-r.exited
	}
	r.cmd = nil
}
