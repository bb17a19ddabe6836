package worker

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// Store is where transcripts are read from and reports written to: an S3
// prefix or a local folder. Keys are relative to the store's root and use
// forward slashes.
type Store interface {
	// Get reads an object, refusing (with ErrTooLarge) one larger than max
	// bytes before reading it whole.
	Get(ctx context.Context, key string, max int64) ([]byte, error)
	// Put writes an object atomically with its content type.
	Put(ctx context.Context, key string, data []byte, contentType string) error
	// List calls fn for every object under prefix, in key order, page by
	// page, without holding the whole listing in memory.
	List(ctx context.Context, prefix string, fn func(Object) error) error
}

// Object is one listed object.
type Object struct {
	Key  string
	Size int64
	ETag string
}

// Errors a Store returns, checked with errors.Is.
var (
	ErrNotFound = errors.New("object not found")
	ErrTooLarge = errors.New("object over the size cap")
	ErrBadKey   = errors.New("refused key")
)

// CheckKey refuses keys with a ".." path part, a leading "/", a
// backslash-rooted or empty part, or control characters. "Q3..final.vtt"
// is fine: only a whole part equal to ".." is refused.
func CheckKey(key string) error {
	if key == "" {
		return fmt.Errorf("%w: empty key", ErrBadKey)
	}
	if strings.HasPrefix(key, "/") || strings.HasPrefix(key, "\\") {
		return fmt.Errorf("%w: %q is an absolute path", ErrBadKey, key)
	}
	for _, r := range key {
		if unicode.IsControl(r) {
			return fmt.Errorf("%w: %q holds a control character", ErrBadKey, key)
		}
	}
	for _, part := range strings.FieldsFunc(key, func(r rune) bool { return r == '/' || r == '\\' }) {
		if part == ".." {
			return fmt.Errorf("%w: %q has a \"..\" part", ErrBadKey, key)
		}
	}
	return nil
}
