package serve

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"
)

func TestServeFromMinIO(t *testing.T) {
	m := startMinio(t)
	st := m.store(t, "team/reports/")
	s := writeBatch(t, st, "nightly-2026-03-02")
	put(t, m.store(t, "team/"), "other/secret.txt", []byte("outside the reports prefix"))
	put(t, m.store(t, ""), "secret.txt", []byte("at the bucket root"))
	counting := &countingStore{Browser: st}
	base, _ := startServer(t, counting, Access{})

	t.Run("home page", func(t *testing.T) {
		_, body := get(t, base+"/", nil)
		if rows := homeRows(body); len(rows) != 1 || rows[0] != s.Batch {
			t.Errorf("batches %q, want [%s]", rows, s.Batch)
		}
	})
	t.Run("pages, types and 304", func(t *testing.T) {
		for path, ctype := range map[string]string{
			"/nightly-2026-03-02/":                      "text/html; charset=utf-8",
			"/nightly-2026-03-02/south/meadow.txt.html": "text/html; charset=utf-8",
			"/nightly-2026-03-02/south/meadow.txt.json": "application/json",
			"/nightly-2026-03-02/summary.csv":           "text/csv; charset=utf-8",
		} {
			resp, body := get(t, base+path, nil)
			if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != ctype || resp.ContentLength != int64(len(body)) {
				t.Errorf("GET %s = %d %q, %d of %d bytes", path, resp.StatusCode, resp.Header.Get("Content-Type"), len(body), resp.ContentLength)
				continue
			}
			etag := resp.Header.Get("ETag")
			if again, _ := get(t, base+path, map[string]string{"If-None-Match": etag}); etag == "" || again.StatusCode != http.StatusNotModified {
				t.Errorf("GET %s with If-None-Match %q = %d, want 304", path, etag, again.StatusCode)
			}
		}
	})
	t.Run("keys outside the prefix", func(t *testing.T) {
		for _, target := range []string{"/../other/secret.txt", "/%2e%2e/other/secret.txt", "/%252e%252e/%252e%252e/secret.txt",
			"/..\\other\\secret.txt", "/..%5c..%5csecret.txt", "//team/other/secret.txt", "/team/other/secret.txt", "/other/secret.txt"} {
			counting.reset()
			if code := rawGet(t, base, target); code != http.StatusNotFound {
				t.Errorf("GET %s = %d, want 404", target, code)
			}
			for _, k := range counting.reset() {
				if strings.Contains(k, "..") || strings.Contains(k, "\\") || strings.HasPrefix(k, "/") {
					t.Errorf("GET %s asked the store for %q", target, k)
				}
			}
		}
	})
	t.Run("large object is streamed", func(t *testing.T) {
		const size = 64 << 20
		data := make([]byte, size)
		_, _ = rand.Read(data)
		put(t, st, "nightly-2026-03-02/large.json", data)
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		resp, err := http.Get(base + "/nightly-2026-03-02/large.json")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		h := sha256.New()
		runtime.ReadMemStats(&before)
		n, err := io.Copy(h, resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		if want := sha256.Sum256(data); n != size || !bytes.Equal(h.Sum(nil), want[:]) {
			t.Fatalf("downloaded %d bytes, not the object", n)
		}
		alloc := after.TotalAlloc - before.TotalAlloc
		t.Logf("serving a %d MB object from S3 allocated %d KB in the process (server and client)", size>>20, alloc>>10)
		if alloc > size/4 {
			t.Errorf("serving %d MB allocated %d MB: the object is held in memory", size>>20, alloc>>20)
		}
	})
}
