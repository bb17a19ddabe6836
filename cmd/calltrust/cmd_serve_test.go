package main

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestServeRefusesAtStart(t *testing.T) {
	reports := t.TempDir()
	plain := writeFile(t, t.TempDir(), "htpasswd", "morgan:correct horse\n")
	cases := []struct {
		name    string
		args    []string
		environ map[string]string
		want    string
	}{
		{"no reports", []string{"serve"}, nil, "--reports is required"},
		{"reports folder missing", []string{"serve", "--reports", filepath.Join(reports, "nope")}, nil, "not a folder"},
		{"every interface without access control", []string{"serve", "--reports", reports, "--addr", ":0"}, nil, "not loopback"},
		{"LAN address without access control", []string{"serve", "--reports", reports, "--addr", "10.1.2.3:8080"}, nil, "--basic-auth FILE or --trust-proxy-header NAME"},
		{"address from the environment", []string{"serve", "--reports", reports}, map[string]string{"CALLTRUST_ADDR": "0.0.0.0:0"}, "not loopback"},
		{"plain-text htpasswd entry", []string{"serve", "--reports", reports, "--basic-auth", plain}, nil, "not a bcrypt hash"},
		{"htpasswd missing", []string{"serve", "--reports", reports, "--basic-auth", plain + ".missing"}, nil, "--basic-auth"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCmd(t, tc.environ, tc.args...)
			if code != 2 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tc.want)
			}
			if strings.Contains(stderr, "correct horse") {
				t.Error("the error shows the password")
			}
		})
	}
}

func TestServeHelpListsFlags(t *testing.T) {
	_, _, stderr := runCmd(t, nil, "help", "serve")
	for _, want := range []string{"--reports", "--addr", "--basic-auth", "--trust-proxy-header", "--shutdown-timeout", "--log-level", "--endpoint",
		"CALLTRUST_REPORTS", "CALLTRUST_ADDR", "CALLTRUST_BASIC_AUTH", "CALLTRUST_TRUST_PROXY_HEADER", "CALLTRUST_SHUTDOWN_TIMEOUT"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("help serve lacks %s", want)
		}
	}
}

// TestServeProcess is the calltrust process TestServeSIGTERM starts: the
// test binary run again with CALLTRUST_TEST_SERVE_ARGS.
func TestServeProcess(t *testing.T) {
	args := os.Getenv("CALLTRUST_TEST_SERVE_ARGS")
	if args == "" {
		t.Skip("run by TestServeSIGTERM only")
	}
	os.Exit(run(stdEnv(), strings.Split(args, "\x1f")))
}

func TestServeSIGTERM(t *testing.T) {
	reports := t.TempDir()
	data := make([]byte, 32<<20)
	_, _ = rand.Read(data)
	writeFile(t, reports, "b1/large.json", string(data))
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeProcess$")
	cmd.Env = append(os.Environ(), "CALLTRUST_TEST_SERVE_ARGS="+strings.Join([]string{"serve", "--reports", reports, "--addr", "127.0.0.1:0"}, "\x1f"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("no serving line: %v; stderr:\n%s", err, stderr.String())
	}
	base := strings.TrimSuffix(strings.TrimSpace(line[strings.Index(line, "http://"):]), "/")
	resp, err := http.Get(base + "/b1/large.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	head := make([]byte, 1<<20)
	if _, err := io.ReadFull(resp.Body, head); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	rest, err := io.ReadAll(resp.Body)
	if err != nil || !bytes.Equal(append(head, rest...), data) {
		t.Errorf("download after SIGTERM: %d of %d bytes, %v; want all of it", len(head)+len(rest), len(data), err)
	}
	werr := make(chan error, 1)
	go func() { werr <- cmd.Wait() }()
	select {
	case err := <-werr:
		if err != nil {
			t.Errorf("calltrust serve exited with %v after SIGTERM; stderr:\n%s", err, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("calltrust serve still running 15 s after SIGTERM; stderr:\n%s", stderr.String())
	}
	logs := stderr.String()
	for _, want := range []string{`"path":"/b1/large.json"`, `"status":200`, `"bytes":33554432`, "letting downloads in flight finish", "server stopped"} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %s:\n%s", want, logs)
		}
	}
}
