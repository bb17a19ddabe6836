package worker

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// tempPrefix starts the name of a file LocalStore.Put is still writing.
// List leaves such files out.
const tempPrefix = ".calltrust-tmp-"

// LocalStore is a Store on a local folder. Keys are paths relative to the
// folder. Every access goes through an os.Root, so neither a key nor a
// symbolic link can reach outside the folder. The folder is created by the
// first Put; until then Get finds nothing and List lists nothing.
type LocalStore struct {
	dir string
}

// NewLocalStore returns a Store rooted at dir.
func NewLocalStore(dir string) *LocalStore {
	return &LocalStore{dir: dir}
}

// Dir returns the folder the store is rooted at.
func (s *LocalStore) Dir() string { return s.dir }

// Get reads the object at key. Its size is checked on the open file before
// any byte is read, so an object over limit (when limit > 0) is refused with
// ErrTooLarge without being read. A missing object is ErrNotFound; a key
// refused by CheckKey, or one whose symbolic links lead outside the
// folder, is ErrBadKey.
func (s *LocalStore) Get(ctx context.Context, key string, limit int64) ([]byte, error) {
	if err := CheckKey(key); err != nil {
		return nil, fmt.Errorf("get %s: %w", key, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("get %s: %w", key, err)
	}
	root, err := s.open()
	if err != nil {
		return nil, s.fail("get", key, err)
	}
	defer root.Close()
	// O_NONBLOCK keeps a named pipe planted in the folder from blocking
	// the open; regular files ignore it.
	f, err := root.OpenFile(key, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, s.fail("get", key, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, s.fail("get", key, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("get %s: %w: not a regular file", s.name(key), ErrNotFound)
	}
	if limit > 0 && fi.Size() > limit {
		return nil, fmt.Errorf("get %s: %w: %d bytes, cap %d", s.name(key), ErrTooLarge, fi.Size(), limit)
	}
	var r io.Reader = f
	if limit > 0 {
		r = io.LimitReader(f, limit+1) // the file may grow after Stat
	}
	buf := bytes.NewBuffer(make([]byte, 0, fi.Size()+bytes.MinRead))
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, s.fail("get", key, err)
	}
	data := buf.Bytes()
	if limit > 0 && int64(len(data)) > limit {
		return nil, fmt.Errorf("get %s: %w: more than %d bytes (it grew while read)", s.name(key), ErrTooLarge, limit)
	}
	return data, nil
}

// Put writes data at key atomically: into a temporary file in the same
// folder, then renamed over the key, so a reader sees the old object or
// the new one, never part of one. Missing parent folders are created.
// contentType is not kept: a file's type is its extension.
//
// The file is not synced to disk before the rename. Atomicity holds
// against a crash of the process, which is what a batch meets in
// practice (a killed or restarted worker: its task is retried and the
// report rewritten). What it gives up is durability against a crash of
// the machine itself: after a power loss within the kernel's writeback
// delay (about 30 seconds), a report written just before may be missing
// or empty although the batch bookkeeping counts it as done; running the
// batch again under a new batch ID rewrites it. A sync of every report
// costs a disk flush each, two per call, which on `calltrust run` leaves
// a core idle while it waits; a folder store holds reports that can be
// made again from the transcripts, and the S3 store, not the folder, is
// the durable one.
func (s *LocalStore) Put(ctx context.Context, key string, data []byte, contentType string) error {
	if err := CheckKey(key); err != nil {
		return fmt.Errorf("put %s: %w", key, err)
	}
	if strings.HasSuffix(key, "/") {
		return fmt.Errorf("put %s: %w: a key names a file, not a folder", key, ErrBadKey)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("put %s: %w", key, err)
	}
	// Folders are made only when missing: a batch writes two files per
	// call into one folder, and looking for the folders on every write
	// took a third of the system calls of a write.
	root, err := s.open()
	if errors.Is(err, fs.ErrNotExist) {
		if err = os.MkdirAll(s.dir, 0o755); err != nil {
			return fmt.Errorf("put %s: create store folder: %w", s.name(key), err)
		}
		root, err = s.open()
	}
	if err != nil {
		return s.fail("put", key, err)
	}
	defer root.Close()
	dir := path.Dir(key)
	var rnd [8]byte
	_, _ = rand.Read(rnd[:])
	tmp := path.Join(dir, tempPrefix+hex.EncodeToString(rnd[:]))
	create := func() (*os.File, error) { return root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644) }
	f, err := create()
	if errors.Is(err, fs.ErrNotExist) && dir != "." {
		if err = root.MkdirAll(dir, 0o755); err == nil {
			f, err = create()
		}
	}
	if err != nil {
		return s.fail("put", key, err)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = root.Rename(tmp, key)
	}
	if err != nil {
		_ = root.Remove(tmp)
		return s.fail("put", key, err)
	}
	return nil
}

// List calls fn for every file under prefix, in key order (byte order of
// the keys, as S3 lists them). prefix is a key prefix, not necessarily a
// folder: "calls/2026-" lists calls/2026-11-21/a.vtt. The walk reads one
// folder at a time, so memory grows with the largest folder, not with the
// whole tree.
//
// ETag is a cheap content identity: a hash of the file's size and
// modification time, not of its bytes. It changes whenever the file is
// rewritten, except by a rewrite of the same size within the file system's
// timestamp granularity.
//
// Symbolic links to folders inside the store are not followed; one to a
// file inside is listed with its target's size. A symbolic link leading
// outside the folder (or nowhere) is listed, with size 0, so that Get
// refuses it with a reason instead of it vanishing silently; names that
// CheckKey refuses are likewise listed and refused by Get.
func (s *LocalStore) List(ctx context.Context, prefix string, fn func(Object) error) error {
	if prefix != "" {
		if err := CheckKey(prefix); err != nil {
			return fmt.Errorf("list %s: %w", prefix, err)
		}
	}
	root, err := s.open()
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("list %s: %w", s.name(prefix), err)
	}
	defer root.Close()
	start := ""
	if i := strings.LastIndex(prefix, "/"); i >= 0 {
		start = prefix[:i]
	}
	if start != "" {
		fi, err := root.Lstat(start)
		if errors.Is(err, fs.ErrNotExist) || (err == nil && !fi.IsDir()) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("list %s: %w", s.name(prefix), err)
		}
	}
	return s.walk(ctx, root, start, prefix, fn)
}

// walk lists the folder dir ("" for the root) in key order. Entries are
// sorted by name with a "/" appended to folder names, which puts every
// key under a folder exactly where byte order of whole keys puts it
// ("a-b" < "a/c" < "a0").
func (s *LocalStore) walk(ctx context.Context, root *os.Root, dir, prefix string, fn func(Object) error) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("list %s: %w", s.name(prefix), err)
	}
	name := dir
	if name == "" {
		name = "."
	}
	d, err := root.Open(name)
	if err != nil {
		return fmt.Errorf("list %s: %w", s.name(dir), err)
	}
	entries, err := d.ReadDir(-1)
	d.Close()
	if err != nil {
		return fmt.Errorf("list %s: %w", s.name(dir), err)
	}
	type entry struct {
		sortKey string
		e       fs.DirEntry
	}
	sorted := make([]entry, 0, len(entries))
	for _, e := range entries {
		k := e.Name()
		if e.IsDir() {
			k += "/"
		}
		sorted = append(sorted, entry{k, e})
	}
	slices.SortFunc(sorted, func(a, b entry) int { return strings.Compare(a.sortKey, b.sortKey) })
	for _, en := range sorted {
		key := en.e.Name()
		if dir != "" {
			key = dir + "/" + key
		}
		if en.e.IsDir() {
			// Descend only where the folder and the prefix overlap.
			if strings.HasPrefix(key+"/", prefix) || strings.HasPrefix(prefix, key+"/") {
				if err := s.walk(ctx, root, key, prefix, fn); err != nil {
					return err
				}
			}
			continue
		}
		if !strings.HasPrefix(key, prefix) || strings.HasPrefix(en.e.Name(), tempPrefix) {
			continue
		}
		obj, ok, err := s.object(root, key, en.e)
		if err != nil {
			return fmt.Errorf("list %s: %w", s.name(key), err)
		}
		if !ok {
			continue
		}
		if err := fn(obj); err != nil {
			return err
		}
	}
	return nil
}

// object describes one listed entry; ok is false for entries that are
// not files (sockets, devices, links to folders).
func (s *LocalStore) object(root *os.Root, key string, e fs.DirEntry) (Object, bool, error) {
	info, err := e.Info()
	if errors.Is(err, fs.ErrNotExist) {
		return Object{}, false, nil // removed since the folder was read
	}
	if err != nil {
		return Object{}, false, err
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		target, err := root.Stat(key)
		switch {
		case err == nil && target.Mode().IsRegular():
			info = target
		case err == nil:
			return Object{}, false, nil
		default:
			// Outside the folder or dangling: listed, and refused by Get.
			return Object{Key: key, Size: 0, ETag: etag(info)}, true, nil
		}
	} else if !info.Mode().IsRegular() {
		return Object{}, false, nil
	}
	return Object{Key: key, Size: info.Size(), ETag: etag(info)}, true, nil
}

// etag hashes a file's size and modification time (see List).
func etag(fi fs.FileInfo) string {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d:%d", fi.Size(), fi.ModTime().UnixNano())
	return fmt.Sprintf("%016x", h.Sum64())
}

func (s *LocalStore) open() (*os.Root, error) { return os.OpenRoot(s.dir) }

// name is how errors show a key: the file path it stands for.
func (s *LocalStore) name(key string) string {
	return filepath.Join(s.dir, filepath.FromSlash(key))
}

// fail wraps an error of operation op on key, mapping a missing file to
// ErrNotFound and a path leading outside the folder to ErrBadKey.
func (s *LocalStore) fail(op, key string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s %s: %w", op, s.name(key), ErrNotFound)
	case escapes(err):
		return fmt.Errorf("%s %s: %w: it leads outside the store folder", op, s.name(key), ErrBadKey)
	}
	return fmt.Errorf("%s %s: %w", op, s.name(key), err)
}

// escapes reports whether err is os.Root refusing a path that leads
// outside its folder. os does not export that error, so it is known by
// its text.
func escapes(err error) bool {
	for err != nil {
		if err.Error() == "path escapes from parent" {
			return true
		}
		err = errors.Unwrap(err)
	}
	return false
}
