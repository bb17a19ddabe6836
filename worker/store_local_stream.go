package worker

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"syscall"
)

// Open opens the file at key for reading, through the store's os.Root, so
// that neither the key nor a symbolic link reaches outside the folder. A
// file that is not a regular file (a folder, a pipe) is ErrNotFound, as
// are temporary files Put is still writing. The ETag is the one List
// gives.
func (s *LocalStore) Open(ctx context.Context, key string) (io.ReadCloser, ObjectInfo, error) {
	f, info, err := s.openFile(ctx, "open", key)
	if err != nil {
		return nil, ObjectInfo{}, err
	}
	return f, info, nil
}

// Stat describes the file at key as Open would, without keeping it open.
func (s *LocalStore) Stat(ctx context.Context, key string) (ObjectInfo, error) {
	f, info, err := s.openFile(ctx, "stat", key)
	if err != nil {
		return ObjectInfo{}, err
	}
	f.Close()
	return info, nil
}

func (s *LocalStore) openFile(ctx context.Context, op, key string) (*os.File, ObjectInfo, error) {
	if err := CheckKey(key); err != nil {
		return nil, ObjectInfo{}, fmt.Errorf("%s %s: %w", op, key, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, ObjectInfo{}, fmt.Errorf("%s %s: %w", op, key, err)
	}
	if i := strings.LastIndex(key, "/"); strings.HasPrefix(key[i+1:], tempPrefix) {
		return nil, ObjectInfo{}, fmt.Errorf("%s %s: %w", op, s.name(key), ErrNotFound)
	}
	root, err := s.open()
	if err != nil {
		return nil, ObjectInfo{}, s.fail(op, key, err)
	}
	defer root.Close() // an open file outlives its root
	f, err := root.OpenFile(key, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, ObjectInfo{}, s.fail(op, key, err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, ObjectInfo{}, s.fail(op, key, err)
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, ObjectInfo{}, fmt.Errorf("%s %s: %w: not a regular file", op, s.name(key), ErrNotFound)
	}
	return f, ObjectInfo{Size: fi.Size(), ETag: etag(fi), ModTime: fi.ModTime()}, nil
}

// Folders returns the names of the folders in the store's folder, sorted,
// leaving out hidden ones (names starting with "."). A store folder that
// does not exist yet has none.
func (s *LocalStore) Folders(ctx context.Context) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("folders %s: %w", s.dir, err)
	}
	entries, err := os.ReadDir(s.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("folders %s: %w", s.dir, err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			out = append(out, e.Name())
		}
	}
	slices.Sort(out)
	return out, nil
}
