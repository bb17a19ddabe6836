package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/calltrust/calltrust/worker"
)

// countingStore records every key the server asks the store for.
type countingStore struct {
	worker.Browser
	mu   sync.Mutex
	keys []string
}

func (c *countingStore) note(key string) {
	c.mu.Lock()
	c.keys = append(c.keys, key)
	c.mu.Unlock()
}

func (c *countingStore) Open(ctx context.Context, key string) (io.ReadCloser, worker.ObjectInfo, error) {
	c.note(key)
	return c.Browser.Open(ctx, key)
}

func (c *countingStore) Stat(ctx context.Context, key string) (worker.ObjectInfo, error) {
	c.note(key)
	return c.Browser.Stat(ctx, key)
}

func (c *countingStore) reset() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := c.keys
	c.keys = nil
	return k
}

// rawGet sends target as the request line's target, byte for byte, so
// that no client cleans or re-encodes it.
func rawGet(t *testing.T, base, target string) int {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: reports\r\nConnection: close\r\n\r\n", target)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// secretBeside writes a file beside the reports folder, which no request
// may reach, and a link inside the folder pointing at it.
func secretBeside(t *testing.T) (reports string) {
	t.Helper()
	parent := t.TempDir()
	reports = filepath.Join(parent, "reports")
	if err := os.MkdirAll(filepath.Join(reports, "b1"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(parent, "secret.txt"), []byte("outside"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(parent, "secret.txt"), filepath.Join(reports, "b1", "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(reports, "b1", ".calltrust-tmp-0001"), []byte("half written"), 0o644); err != nil {
		t.Fatal(err)
	}
	return reports
}

func TestTraversalIsNotFound(t *testing.T) {
	reports := secretBeside(t)
	st := &countingStore{Browser: worker.NewLocalStore(reports)}
	writeBatch(t, st.Browser, "b1")
	base, _ := startServer(t, st, Access{})
	if code := rawGet(t, base, "/b1/summary.json"); code != http.StatusOK {
		t.Fatalf("a stored summary answers %d, want 200: the cases below would prove nothing", code)
	}
	cases := []struct {
		name, target string
		reachesStore bool // the key is harmless and simply missing
	}{
		{"dot-dot", "/../secret.txt", false},
		{"dot-dot inside", "/b1/../../secret.txt", false},
		{"dot-dot at the end", "/b1/..", false},
		{"single dot", "/b1/./summary.json", false},
		{"percent-encoded dots", "/%2e%2e/secret.txt", false},
		{"percent-encoded dots upper case", "/b1/%2E%2E/%2E%2E/secret.txt", false},
		{"percent-encoded slash", "/..%2fsecret.txt", false},
		{"percent-encoded slash in a name", "/b1%2fsummary.json", false},
		{"double-encoded dots", "/%252e%252e/secret.txt", false},
		{"double-encoded dots and slash", "/%252e%252e%252fsecret.txt", false},
		{"backslash", "/..\\secret.txt", false},
		{"backslashes inside", "/b1\\..\\..\\secret.txt", false},
		{"encoded backslash", "/..%5csecret.txt", false},
		{"double-encoded backslash", "/..%255csecret.txt", false},
		{"absolute path", "//etc/passwd", false},
		{"encoded absolute path", "/%2fetc/passwd", false},
		{"absolute URL with dot-dot", "http://reports/../secret.txt", false},
		{"NUL byte", "/b1/summary.json%00.html", false},
		{"hidden temporary file", "/b1/.calltrust-tmp-0001", false},
		{"empty part", "/b1//summary.json", false},
		{"link leading outside", "/b1/link.txt", true},
		{"missing key", "/b1/nothing.html", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st.reset()
			if code := rawGet(t, base, tc.target); code != http.StatusNotFound {
				t.Errorf("GET %s = %d, want 404", tc.target, code)
			}
			if keys := st.reset(); !tc.reachesStore && len(keys) > 0 {
				t.Errorf("GET %s read the store at %q", tc.target, keys)
			}
		})
	}
}

func TestObjectsAndCaching(t *testing.T) {
	st := worker.NewLocalStore(t.TempDir())
	writeBatch(t, st, "b1")
	put(t, st, "b1/notes.bin", []byte{0, 1, 2})
	base, logs := startServer(t, st, Access{})
	cases := []struct {
		name, path, ctype string
		contains          string
	}{
		{"batch page", "/b1/", "text/html; charset=utf-8", "<table"},
		{"batch index by name", "/b1/index.html", "text/html; charset=utf-8", "<table"},
		{"call page", "/b1/north/harbor.txt.html", "text/html; charset=utf-8", "Avery"},
		{"call report", "/b1/north/harbor.txt.json", "application/json", `"schema_version"`},
		{"summary", "/b1/summary.json", "application/json", `"flagged"`},
		{"summary CSV", "/b1/summary.csv", "text/csv; charset=utf-8", "call,rep,account"},
		{"unknown type", "/b1/notes.bin", "application/octet-stream", "\x00\x01\x02"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := get(t, base+tc.path, nil)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s = %d", tc.path, resp.StatusCode)
			}
			if got := resp.Header.Get("Content-Type"); got != tc.ctype {
				t.Errorf("Content-Type = %q, want %q", got, tc.ctype)
			}
			if !strings.Contains(body, tc.contains) {
				t.Errorf("body lacks %q", tc.contains)
			}
			if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Error("no X-Content-Type-Options: nosniff")
			}
			etag, lm := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
			if !strings.HasPrefix(etag, `"`) || lm == "" {
				t.Fatalf("ETag %q, Last-Modified %q", etag, lm)
			}
			if resp.ContentLength != int64(len(body)) {
				t.Errorf("Content-Length %d, body %d bytes", resp.ContentLength, len(body))
			}
			for _, cond := range []map[string]string{{"If-None-Match": etag}, {"If-None-Match": `"other", ` + etag}, {"If-Modified-Since": lm}} {
				again, rest := get(t, base+tc.path, cond)
				if again.StatusCode != http.StatusNotModified || rest != "" {
					t.Errorf("GET with %v = %d with %d bytes, want 304 and none", cond, again.StatusCode, len(rest))
				}
				if again.Header.Get("ETag") != etag {
					t.Errorf("304 ETag %q, want %q", again.Header.Get("ETag"), etag)
				}
			}
			if stale, _ := get(t, base+tc.path, map[string]string{"If-None-Match": `"stale"`}); stale.StatusCode != http.StatusOK {
				t.Errorf("GET with a stale ETag = %d, want 200", stale.StatusCode)
			}
		})
	}
	t.Run("rewritten object gets a new ETag", func(t *testing.T) {
		resp, _ := get(t, base+"/b1/summary.csv", nil)
		time.Sleep(10 * time.Millisecond)
		put(t, st, "b1/summary.csv", []byte("call,rep\nx,y\n"))
		again, body := get(t, base+"/b1/summary.csv", map[string]string{"If-None-Match": resp.Header.Get("ETag")})
		if again.StatusCode != http.StatusOK || body != "call,rep\nx,y\n" {
			t.Errorf("after a rewrite: %d %q, want 200 and the new content", again.StatusCode, body)
		}
	})
	t.Run("folder without slash redirects", func(t *testing.T) {
		resp, _ := get(t, base+"/b1", nil)
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/b1/" {
			t.Errorf("GET /b1 = %d to %q, want 301 to /b1/", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
	t.Run("writes are refused", func(t *testing.T) {
		resp, err := http.Post(base+"/b1/summary.json", "application/json", strings.NewReader("{}"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("POST = %d, want 405", resp.StatusCode)
		}
	})
	t.Run("healthz", func(t *testing.T) {
		if resp, body := get(t, base+"/healthz", nil); resp.StatusCode != http.StatusOK || body != "ok\n" {
			t.Errorf("/healthz = %d %q", resp.StatusCode, body)
		}
	})
	t.Run("logs", func(t *testing.T) {
		out := logs.String()
		for _, want := range []string{`"method":"GET"`, `"path":"/b1/north/harbor.txt.html"`, `"status":304`, `"duration":`} {
			if !strings.Contains(out, want) {
				t.Errorf("logs lack %s", want)
			}
		}
		for _, never := range []string{"Avery", "late invoice", "schema_version"} {
			if strings.Contains(out, never) {
				t.Errorf("logs carry page content %q", never)
			}
		}
	})
}
