package worker

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// testStoreContract checks what every Store must do; the local and the S3
// store both run it. s must be empty.
func testStoreContract(t *testing.T, s Store) {
	ctx := context.Background()

	t.Run("put get overwrite", func(t *testing.T) {
		if err := s.Put(ctx, "calls/one.vtt", []byte("first"), "text/vtt"); err != nil {
			t.Fatal(err)
		}
		if err := s.Put(ctx, "calls/one.vtt", []byte("second, longer"), "text/vtt"); err != nil {
			t.Fatal(err)
		}
		got, err := s.Get(ctx, "calls/one.vtt", 1<<20)
		if err != nil || string(got) != "second, longer" {
			t.Fatalf("Get = %q, %v; want the second write", got, err)
		}
	})

	t.Run("empty object", func(t *testing.T) {
		if err := s.Put(ctx, "empty.txt", nil, "text/plain"); err != nil {
			t.Fatal(err)
		}
		got, err := s.Get(ctx, "empty.txt", 10)
		if err != nil || len(got) != 0 {
			t.Fatalf("Get = %q, %v; want empty", got, err)
		}
	})

	t.Run("not found", func(t *testing.T) {
		_, err := s.Get(ctx, "calls/missing.vtt", 100)
		if !errors.Is(err, ErrNotFound) {
			t.Fatalf("Get missing = %v; want ErrNotFound", err)
		}
		if !strings.Contains(err.Error(), "calls/missing.vtt") {
			t.Errorf("error %q does not name the key", err)
		}
	})

	t.Run("size cap", func(t *testing.T) {
		data := bytes.Repeat([]byte("x"), 1000)
		if err := s.Put(ctx, "big.txt", data, "text/plain"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Get(ctx, "big.txt", 999); !errors.Is(err, ErrTooLarge) {
			t.Fatalf("Get over the cap = %v; want ErrTooLarge", err)
		} else if !strings.Contains(err.Error(), "1000 bytes, cap 999") {
			t.Errorf("error %q does not give size and cap", err)
		}
		if got, err := s.Get(ctx, "big.txt", 1000); err != nil || len(got) != 1000 {
			t.Fatalf("Get at the cap = %d bytes, %v", len(got), err)
		}
	})

	t.Run("bad keys", func(t *testing.T) {
		for _, key := range []string{"", "..", "../x.vtt", "a/../../x.vtt", "a/..", "/etc/passwd",
			`\windows\x.vtt`, "a/b\x00.vtt", "a\nb.vtt", "tab\t.vtt", "del\x7f.vtt"} {
			t.Run(fmt.Sprintf("%q", key), func(t *testing.T) {
				if err := s.Put(ctx, key, []byte("x"), "text/plain"); !errors.Is(err, ErrBadKey) {
					t.Errorf("Put = %v; want ErrBadKey", err)
				}
				if _, err := s.Get(ctx, key, 100); !errors.Is(err, ErrBadKey) {
					t.Errorf("Get = %v; want ErrBadKey", err)
				}
			})
		}
		if err := s.List(ctx, "../", func(Object) error { return nil }); !errors.Is(err, ErrBadKey) {
			t.Errorf("List ../ = %v; want ErrBadKey", err)
		}
	})

	t.Run("dots inside a name", func(t *testing.T) {
		for _, key := range []string{"Q3..final.vtt", "a/...vtt", "a/.hidden.vtt", "x/..y/z.vtt"} {
			if err := s.Put(ctx, "dots/"+key, []byte(key), "text/vtt"); err != nil {
				t.Fatalf("Put %q: %v", key, err)
			}
			if got, err := s.Get(ctx, "dots/"+key, 100); err != nil || string(got) != key {
				t.Fatalf("Get %q = %q, %v", key, got, err)
			}
		}
	})

	t.Run("list order and prefix", func(t *testing.T) {
		keys := []string{"ls/b/x/y.vtt", "ls/a0", "ls/a/c.srt", "ls/a-b.txt", "ls/a.txt", "ls/a/b/d.json", "ls/ä.vtt", "ls/Z.vtt"}
		for _, k := range keys {
			if err := s.Put(ctx, k, []byte(k+" body"), "text/plain"); err != nil {
				t.Fatal(err)
			}
		}
		want := slices.Clone(keys)
		slices.Sort(want) // byte order, as S3 lists
		for _, tc := range []struct {
			prefix string
			want   []string
		}{
			{"ls/", want},
			{"ls/a", []string{"ls/a-b.txt", "ls/a.txt", "ls/a/b/d.json", "ls/a/c.srt", "ls/a0"}},
			{"ls/a/", []string{"ls/a/b/d.json", "ls/a/c.srt"}},
			{"ls/b/x/y", []string{"ls/b/x/y.vtt"}},
			{"ls/nothing/", nil},
			{"nothing", nil},
		} {
			t.Run(tc.prefix, func(t *testing.T) {
				var got []string
				err := s.List(ctx, tc.prefix, func(o Object) error {
					got = append(got, o.Key)
					if o.Size != int64(len(o.Key+" body")) {
						t.Errorf("%s: size %d, want %d", o.Key, o.Size, len(o.Key+" body"))
					}
					if o.ETag == "" || strings.Contains(o.ETag, `"`) {
						t.Errorf("%s: ETag %q", o.Key, o.ETag)
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(got, tc.want) {
					t.Errorf("List(%q) =\n%q\nwant\n%q", tc.prefix, got, tc.want)
				}
			})
		}
	})

	t.Run("list whole store", func(t *testing.T) {
		var got []string
		if err := s.List(ctx, "", func(o Object) error { got = append(got, o.Key); return nil }); err != nil {
			t.Fatal(err)
		}
		if !slices.IsSorted(got) || !slices.Contains(got, "calls/one.vtt") || !slices.Contains(got, "ls/a/c.srt") {
			t.Errorf("List(\"\") = %q", got)
		}
	})

	t.Run("list stops on error", func(t *testing.T) {
		stop := errors.New("enough")
		n := 0
		err := s.List(ctx, "ls/", func(Object) error { n++; return stop })
		if !errors.Is(err, stop) || n != 1 {
			t.Errorf("List = %v after %d calls; want the callback's error after 1", err, n)
		}
	})

	t.Run("etag changes on rewrite", func(t *testing.T) {
		etagOf := func() string {
			var e string
			_ = s.List(ctx, "etag/k.txt", func(o Object) error { e = o.ETag; return nil })
			return e
		}
		_ = s.Put(ctx, "etag/k.txt", []byte("one"), "text/plain")
		first := etagOf()
		_ = s.Put(ctx, "etag/k.txt", []byte("three"), "text/plain")
		if second := etagOf(); first == "" || first == second {
			t.Errorf("ETag %q then %q; want a change", first, second)
		}
	})
}

func TestLocalStoreContract(t *testing.T) {
	testStoreContract(t, NewLocalStore(filepath.Join(t.TempDir(), "store")))
}

func TestLocalStoreCreatesFolderOnPut(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "not", "yet")
	s := NewLocalStore(dir)
	ctx := context.Background()
	if _, err := s.Get(ctx, "a.vtt", 10); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get before the folder exists = %v; want ErrNotFound", err)
	}
	if err := s.List(ctx, "", func(o Object) error { t.Errorf("listed %s", o.Key); return nil }); err != nil {
		t.Errorf("List before the folder exists = %v", err)
	}
	if err := s.Put(ctx, "a/b/c.json", []byte("{}"), "application/json"); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "a", "b", "c.json")); err != nil || string(b) != "{}" {
		t.Fatalf("file = %q, %v", b, err)
	}
	// Folders removed while the store is in use are made again.
	for _, gone := range []string{filepath.Join(dir, "a", "b"), dir} {
		if err := os.RemoveAll(gone); err != nil {
			t.Fatal(err)
		}
		if err := s.Put(ctx, "a/b/d.json", []byte("[]"), "application/json"); err != nil {
			t.Fatalf("Put after removing %s: %v", gone, err)
		}
		if b, err := os.ReadFile(filepath.Join(dir, "a", "b", "d.json")); err != nil || string(b) != "[]" {
			t.Fatalf("after removing %s: file = %q, %v", gone, b, err)
		}
	}
	// A file where a folder should be is an error naming the key.
	if err := os.WriteFile(filepath.Join(dir, "f"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Put(ctx, "f/g.json", []byte("{}"), "application/json"); err == nil || !strings.Contains(err.Error(), "g.json") {
		t.Errorf("Put under a file = %v; want an error naming f/g.json", err)
	}
}

func TestLocalStoreAtomicPut(t *testing.T) {
	dir := t.TempDir()
	s := NewLocalStore(dir)
	ctx := context.Background()
	old, new := bytes.Repeat([]byte("a"), 1<<20), bytes.Repeat([]byte("b"), 1<<20)
	if err := s.Put(ctx, "r/report.json", old, "application/json"); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	done := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 40; i++ {
			data := old
			if i%2 == 0 {
				data = new
			}
			if err := s.Put(ctx, "r/report.json", data, "application/json"); err != nil {
				t.Error(err)
				return
			}
		}
		close(done)
	}()
	reads := 0
	for loop := true; loop; reads++ {
		select {
		case <-done:
			loop = false
		default:
		}
		got, err := s.Get(ctx, "r/report.json", 2<<20)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, old) && !bytes.Equal(got, new) {
			t.Fatalf("read %d: %d bytes, a mix of two writes or a partial one", reads, len(got))
		}
	}
	wg.Wait()
	entries, _ := os.ReadDir(filepath.Join(dir, "r"))
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %q; want only report.json (no temporary files left)", names)
	}
	t.Logf("%d reads during 40 rewrites saw only whole objects", reads)
}

func TestLocalStoreSkipsFilesBeingWritten(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, tempPrefix+"123"), []byte("partial"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "done.vtt"), []byte("whole"), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []string
	if err := NewLocalStore(dir).List(context.Background(), "", func(o Object) error { got = append(got, o.Key); return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []string{"done.vtt"}) {
		t.Errorf("List = %q; want only done.vtt", got)
	}
}

func TestLocalStoreSizeCapDoesNotRead(t *testing.T) {
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "huge.vtt"))
	if err != nil {
		t.Fatal(err)
	}
	const size = 200 << 20
	if err := f.Truncate(size); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = NewLocalStore(dir).Get(context.Background(), "huge.vtt", 1<<20)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Get = %v; want ErrTooLarge", err)
	}
	if want := fmt.Sprintf("%d bytes, cap %d", size, 1<<20); !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say %q", err, want)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
		t.Errorf("Get allocated %d bytes refusing the file; it must not read it", alloc)
	}
}

func TestLocalStoreSymlinks(t *testing.T) {
	base := t.TempDir()
	dir, outside := filepath.Join(base, "store"), filepath.Join(base, "outside")
	for _, d := range []string{filepath.Join(dir, "in"), outside} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, name string) {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(outside, "secret.txt"), "outside the store")
	write(filepath.Join(dir, "in", "call.vtt"), "inside")
	link(filepath.Join(outside, "secret.txt"), "abs-escape.txt")
	link("../outside/secret.txt", "rel-escape.txt")
	link("in/call.vtt", "alias.vtt")
	link(outside, "outdir")
	s := NewLocalStore(dir)
	ctx := context.Background()

	for _, key := range []string{"abs-escape.txt", "rel-escape.txt", "outdir/secret.txt"} {
		t.Run("get "+key, func(t *testing.T) {
			got, err := s.Get(ctx, key, 100)
			if !errors.Is(err, ErrBadKey) {
				t.Errorf("Get = %q, %v; want ErrBadKey", got, err)
			}
		})
	}
	t.Run("put through a link", func(t *testing.T) {
		if err := s.Put(ctx, "outdir/new.txt", []byte("x"), "text/plain"); !errors.Is(err, ErrBadKey) {
			t.Errorf("Put = %v; want ErrBadKey", err)
		}
		if _, err := os.Stat(filepath.Join(outside, "new.txt")); err == nil {
			t.Error("Put wrote outside the store")
		}
	})
	t.Run("link inside", func(t *testing.T) {
		if got, err := s.Get(ctx, "alias.vtt", 100); err != nil || string(got) != "inside" {
			t.Errorf("Get = %q, %v", got, err)
		}
	})
	t.Run("list", func(t *testing.T) {
		var got []string
		sizes := map[string]int64{}
		if err := s.List(ctx, "", func(o Object) error { got = append(got, o.Key); sizes[o.Key] = o.Size; return nil }); err != nil {
			t.Fatal(err)
		}
		// Links to files are listed; links leading outside are listed too,
		// whatever they point to, so Get refuses them with a reason.
		want := []string{"abs-escape.txt", "alias.vtt", "in/call.vtt", "outdir", "rel-escape.txt"}
		if !slices.Equal(got, want) {
			t.Errorf("List = %q; want %q", got, want)
		}
		if sizes["alias.vtt"] != int64(len("inside")) {
			t.Errorf("alias.vtt size %d; want its target's", sizes["alias.vtt"])
		}
	})
}

func TestLocalStoreGetNotAFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.vtt"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := NewLocalStore(dir)
	for _, key := range []string{"sub", "pipe.vtt"} {
		t.Run(key, func(t *testing.T) {
			if _, err := s.Get(context.Background(), key, 100); !errors.Is(err, ErrNotFound) {
				t.Errorf("Get = %v; want ErrNotFound", err)
			}
		})
	}
	if err := s.List(context.Background(), "", func(o Object) error { t.Errorf("listed %s", o.Key); return nil }); err != nil {
		t.Error(err)
	}
}

func TestIsTranscriptKey(t *testing.T) {
	for _, tc := range []struct {
		key  string
		want bool
	}{
		{"calls/a.vtt", true},
		{"calls/a.VTT", true},
		{"a.srt", true},
		{"a.json", true},
		{"a.txt", true},
		{"notes.md", true},
		{"call.DOCX", true},
		{"call.vtt.meta.json", false},
		{"call.vtt.META.JSON", false},
		{"summary.csv", false},
		{"index.html", false},
		{"a.vtt.bak", false},
		{"calls/", false},
		{"noext", false},
		{"Q3..final.vtt", true},
	} {
		t.Run(tc.key, func(t *testing.T) {
			if got := IsTranscriptKey(tc.key); got != tc.want {
				t.Errorf("IsTranscriptKey(%q) = %v, want %v", tc.key, got, tc.want)
			}
		})
	}
}

func TestOpenStore(t *testing.T) {
	ctx := context.Background()
	opts := StoreOptions{Endpoint: "http://127.0.0.1:1", PathStyle: true}
	for _, tc := range []struct {
		url            string
		bucket, prefix string // for an S3 store
		dir            string // for a local one
		err            string
	}{
		{url: "s3://bucket/calls/2026-11-21/", bucket: "bucket", prefix: "calls/2026-11-21/"},
		{url: "s3://bucket/calls", bucket: "bucket", prefix: "calls/"},
		{url: "s3://bucket", bucket: "bucket", prefix: ""},
		{url: "s3://bucket/", bucket: "bucket", prefix: ""},
		{url: "s3:///calls/", err: "no bucket"},
		{url: "s3://bucket/../x/", err: "refused key"},
		{url: "gs://bucket/x", err: "scheme gs://"},
		{url: "reports", dir: "reports"},
		{url: "file:///tmp/reports", dir: "/tmp/reports"},
		{url: "", err: "empty"},
	} {
		t.Run(tc.url, func(t *testing.T) {
			s, err := OpenStore(ctx, tc.url, opts)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("OpenStore = %v; want an error with %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			switch s := s.(type) {
			case *S3Store:
				if s.bucket != tc.bucket || s.prefix != tc.prefix {
					t.Errorf("S3 store %q %q; want %q %q", s.bucket, s.prefix, tc.bucket, tc.prefix)
				}
			case *LocalStore:
				if tc.dir == "" || s.Dir() != tc.dir {
					t.Errorf("local store %q; want %q", s.Dir(), tc.dir)
				}
			}
		})
	}
}

func TestOpenStoreS3Options(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		opts StoreOptions
		err  string
	}{
		{"unknown sse", StoreOptions{Endpoint: "http://x", SSE: "rot13"}, "not AES256 or aws:kms"},
		{"kms key without kms", StoreOptions{Endpoint: "http://x", SSEKMSKeyID: "k"}, "needs server-side encryption aws:kms"},
		{"kms key with aes", StoreOptions{Endpoint: "http://x", SSE: "AES256", SSEKMSKeyID: "k"}, "not AES256"},
		{"kms", StoreOptions{Endpoint: "http://x", SSE: "aws:kms", SSEKMSKeyID: "k"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := OpenStore(ctx, "s3://b/p/", tc.opts)
			if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
				t.Errorf("OpenStore = %v; want %q", err, tc.err)
			}
		})
	}
	t.Run("no region for AWS", func(t *testing.T) {
		t.Setenv("AWS_REGION", "")
		t.Setenv("AWS_DEFAULT_REGION", "")
		t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
		t.Setenv("AWS_PROFILE", "")
		_, err := OpenStore(ctx, "s3://b/p/", StoreOptions{})
		if err == nil || !strings.Contains(err.Error(), "no AWS region") {
			t.Errorf("OpenStore = %v; want the missing region named", err)
		}
	})
}
