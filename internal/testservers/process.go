package testservers

import (
	"os"
	"os/exec"
	"reflect"
	"sync"
	"syscall"
	"testing"
	"time"
)

const (
	// readyWait is how long a server may take to answer after it starts.
	readyWait = 60 * time.Second
	// stopWait is how long a signalled server may take to exit before it
	// is killed.
	stopWait = 15 * time.Second
)

// Process is a server process that can be stopped and started again. Its
// output goes to a log file, shown when the test fails.
type Process struct {
	t    testing.TB
	name string
	log  string

	mu     sync.Mutex
	cmd    *exec.Cmd
	exited chan struct{}
}

// NewProcess returns a Process named name (for messages) logging to the
// file log; it is killed when the test ends.
func NewProcess(t testing.TB, name, log string) *Process {
	p := &Process{t: t, name: name, log: log}
	t.Cleanup(p.cleanup)
	return p
}

// Start runs bin with args and env, then waits for ready to succeed. It
// does nothing when the process is running, and must be called from the
// test's goroutine.
func (p *Process) Start(bin string, args, env []string, ready func() error) {
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
	KillWithParent(cmd.SysProcAttr)
	if err := cmd.Start(); err != nil {
		p.t.Fatalf("%s: start %s: %v", p.name, bin, err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	p.cmd, p.exited = cmd, exited

	deadline := time.Now().Add(readyWait)
	for {
		err := ready()
		if err == nil {
			return
		}
		select {
		case <-exited:
			p.cmd = nil
			p.t.Fatalf("%s exited while starting (%v); log:\n%s", p.name, cmd.ProcessState, p.LogTail())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("%s not ready after %v: %v; log:\n%s", p.name, readyWait, err, p.LogTail())
		}
	}
}

// Signal sends sig and waits for the process to end (SIGKILL after
// stopWait). It does nothing when the process is not running.
func (p *Process) Signal(sig os.Signal) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cmd == nil {
		return
	}
	_ = p.cmd.Process.Signal(sig)
	select {
	case <-p.exited:
	case <-time.After(stopWait):
		_ = p.cmd.Process.Kill()
		<-p.exited
	}
	p.cmd = nil
}

// cleanup kills the process at the end of the test, showing its log when
// the test failed.
func (p *Process) cleanup() {
	p.Signal(syscall.SIGKILL)
	if p.t.Failed() {
		p.t.Logf("%s log:\n%s", p.name, p.LogTail())
	}
}

// LogTail returns the last 4000 bytes of the process's log.
func (p *Process) LogTail() string {
	b, _ := os.ReadFile(p.log)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// KillWithParent asks the kernel to kill a child process when the test
// binary dies (a test timeout skips t.Cleanup). Pdeathsig exists on Linux
// only, hence reflection, which keeps the package building elsewhere.
func KillWithParent(attr *syscall.SysProcAttr) {
	if f := reflect.ValueOf(attr).Elem().FieldByName("Pdeathsig"); f.IsValid() && f.CanSet() {
		f.Set(reflect.ValueOf(syscall.SIGKILL))
	}
}
