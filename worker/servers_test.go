package worker

// Real servers for integration tests, redis-server (server_redis_test.go)
// and MinIO (server_minio_test.go), share what is here: each runs on
// loopback ports chosen at run time, with its own data folder, and is
// stopped in t.Cleanup. When a binary is missing the test is skipped with
// what to install, or fails when CI=true.

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sync"
	"syscall"
	"testing"
	"time"
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
