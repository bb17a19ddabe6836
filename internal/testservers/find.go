package testservers

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// MinioBinaryName is the name of the MinIO build that scripts/test-deps
// makes in its cache folder.
const MinioBinaryName = "minio-20260212201848"

// installHint tells a developer how to get every test server.
const installHint = `install the test servers (redis-server, MinIO, Chromium) with: eval "$(scripts/test-deps)"`

// Lookup returns the path of a server binary: from the environment
// variable env, else the first of names on PATH, else the first of names
// in the cache folder scripts/test-deps fills ($CALLTRUST_CACHE, else
// ~/.cache/calltrust/bin). Its error says where it looked.
func Lookup(env string, names ...string) (string, error) {
	if p := os.Getenv(env); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%s=%s: %w", env, p, err)
		}
		return p, nil
	}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	cache := CacheDir()
	for _, n := range names {
		if p := filepath.Join(cache, n); isExecutable(p) {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s not found (not in %s, on PATH or in %s)", names[0], env, cache)
}

// CacheDir returns the folder scripts/test-deps builds servers into:
// $CALLTRUST_CACHE, else ~/.cache/calltrust/bin.
func CacheDir() string {
	if cache := os.Getenv("CALLTRUST_CACHE"); cache != "" {
		return cache
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".cache", "calltrust", "bin")
}

// Find returns the path of a server binary as Lookup finds it. When it is
// missing the test is skipped, or fails when CI=true.
func Find(t testing.TB, env string, names ...string) string {
	t.Helper()
	p, err := Lookup(env, names...)
	if err != nil {
		Missing(t, err.Error())
	}
	return p
}

// Missing skips the test because a server is missing, saying why and
// what to install, or fails it when CI=true.
func Missing(t testing.TB, why string) {
	t.Helper()
	msg := why + "; " + installHint
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// Chromium returns the browser the page tests drive: CALLTRUST_CHROMIUM
// or Debian's /usr/bin/chromium. Without it the test skips, or fails when
// CI=true.
func Chromium(t testing.TB) string {
	t.Helper()
	path := os.Getenv("CALLTRUST_CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := exec.LookPath(path); err != nil {
		msg := fmt.Sprintf("no Chromium at %s: install it with `apt-get install -y chromium` or set CALLTRUST_CHROMIUM", path)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return path
}

// FreePort returns a loopback TCP port that was free a moment ago.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0
}
