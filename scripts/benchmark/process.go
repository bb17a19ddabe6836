package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Running calltrust processes and accounting for the CPU they, the
// servers and everything else on the machine use.

// childEnv is the environment of a calltrust process: this one's without
// CALLTRUST_ settings, plus extra.
func childEnv(extra ...string) []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CALLTRUST_") && !strings.HasPrefix(kv, "AWS_") {
			out = append(out, kv)
		}
	}
	return append(out, extra...)
}

// childCPU returns the CPU time a finished command used.
func childCPU(cmd *exec.Cmd) time.Duration {
	if cmd.ProcessState == nil {
		return 0
	}
	return cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

// runCommand runs a command to the end and returns its stdout and how
// long it took. stderr goes to logPath.
func runCommand(bin string, args, env []string, logPath string) ([]byte, time.Duration, error) {
	out, took, _, err := runCommandCPU(bin, args, env, logPath)
	return out, took, err
}

// runCommandCPU is runCommand that also returns the command's CPU time.
func runCommandCPU(bin string, args, env []string, logPath string) ([]byte, time.Duration, time.Duration, error) {
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, 0, 0, err
	}
	defer logf.Close()
	var out bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Env, cmd.Stdout, cmd.Stderr = env, &out, logf
	start := time.Now()
	err = cmd.Run()
	took := time.Since(start)
	if err != nil {
		return out.Bytes(), took, childCPU(cmd), fmt.Errorf("%s %s: %w; see %s", filepath.Base(bin), args[0], err, logPath)
	}
	return out.Bytes(), took, childCPU(cmd), nil
}

// workerProc is a running `calltrust worker`.
type workerProc struct {
	cmd  *exec.Cmd
	log  string
	done chan struct{}
}

// startWorker starts `calltrust worker` and waits for its "worker
// started" log line.
func startWorker(bin, redisURL string, concurrency int, env []string, logPath string) (*workerProc, error) {
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer logf.Close()
	cmd := exec.Command(bin, "worker", "--redis", redisURL, "--concurrency", strconv.Itoa(concurrency))
	cmd.Env, cmd.Stdout, cmd.Stderr = env, logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	w := &workerProc{cmd: cmd, log: logPath, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(w.done) }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if b, _ := os.ReadFile(logPath); bytes.Contains(b, []byte("worker started")) {
			return w, nil
		}
		select {
		case <-w.done:
			return nil, fmt.Errorf("worker exited while starting; see %s", logPath)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			w.stop()
			return nil, fmt.Errorf("worker not started after 30s; see %s", logPath)
		}
	}
}

// hwm returns the worker's peak resident set so far (VmHWM), in bytes.
// The rusage maxrss of a child is no measure here: Linux starts it from
// the resident set of the process that started it (this one, which holds
// the corpus), as the child shared its memory until exec.
func (w *workerProc) hwm() int64 { return w.status("VmHWM:") }

// rss returns the worker's resident set now (VmRSS), in bytes.
func (w *workerProc) rss() int64 { return w.status("VmRSS:") }

// status reads a size in kB from the worker's /proc status, in bytes.
func (w *workerProc) status(field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", w.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// stop ends the worker with SIGTERM (SIGKILL after 30 seconds) and waits
// for it to exit.
func (w *workerProc) stop() {
	_ = w.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-w.done:
	case <-time.After(30 * time.Second):
		_ = w.cmd.Process.Kill()
		<-w.done
	}
}

// waitFor polls cond every 20ms until it holds or limit passes.
func waitFor(limit time.Duration, what string, cond func() bool) error {
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			return fmt.Errorf("%s: not done after %s", what, limit)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil
}

// procCPU returns the CPU time (user and system) a process has used.
func procCPU(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The fields after the command name, which is in parentheses.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * time.Second / clockTicks
}

// clockTicks is the kernel's USER_HZ, the unit of /proc/PID/stat times.
const clockTicks = 100

// machineCPU returns the CPU time every process of the machine has used,
// from the first line of /proc/stat (all but idle and iowait).
func machineCPU() time.Duration {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	var busy int64
	for i, v := range f[1:] {
		n, _ := strconv.ParseInt(v, 10, 64)
		if i != 3 && i != 4 && i < 8 { // idle, iowait; guest time is in user
			busy += n
		}
	}
	return time.Duration(busy) * time.Second / clockTicks
}

// cpuMeter measures the CPU time of named processes over a stretch.
type cpuMeter map[string][2]time.Duration

func (m cpuMeter) start(name string, pid int) { m[name] = [2]time.Duration{procCPU(pid), 0} }

func (m cpuMeter) stop(name string, pid int) {
	v := m[name]
	v[1] = procCPU(pid) - v[0]
	m[name] = v
}

func (m cpuMeter) result() map[string]time.Duration {
	out := map[string]time.Duration{}
	for k, v := range m {
		out[k] = v[1]
	}
	return out
}
