package worker

import (
	"context"
	"io"
	"time"
)

// Browser is a Store whose objects can also be read as streams, with the
// identity a web server needs for caching, and whose top folders can be
// listed without walking every key. Both LocalStore and S3Store are
// Browsers; `calltrust serve` reads the reports store through one.
type Browser interface {
	Store
	// Open returns the object at key as a stream the caller closes, with
	// its size, ETag and modification time. Nothing is read before the
	// caller reads. A missing object is ErrNotFound; a key refused by
	// CheckKey is ErrBadKey.
	Open(ctx context.Context, key string) (io.ReadCloser, ObjectInfo, error)
	// Stat returns what Open would, without the content.
	Stat(ctx context.Context, key string) (ObjectInfo, error)
	// Folders returns the names of the folders directly under the store's
	// root (for S3, the common prefixes under the store's prefix), in key
	// order, without their trailing "/".
	Folders(ctx context.Context) ([]string, error)
}

// ObjectInfo is what a Browser knows of an object besides its content.
type ObjectInfo struct {
	Size    int64
	ETag    string // without quotes
	ModTime time.Time
}
