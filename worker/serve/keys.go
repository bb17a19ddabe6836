package serve

import (
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"github.com/calltrust/calltrust/worker"
)

// objectKey returns the store key a request's path names, without the
// leading "/", and whether the path is one the server may read. A path is
// refused (and answered 404 without touching the store) when, decoded
// once or twice, it has a ".." or "." part, an empty part, a part starting
// with "." (hidden files, files being written), a backslash, a control
// character, or a leading "/" after the first; or when its escaped form
// carries an encoded "/" or "\". A key that ends in "/" names a folder.
func objectKey(r *http.Request) (string, bool) {
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") {
		return "", false
	}
	raw := strings.ToLower(r.URL.EscapedPath())
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") {
		return "", false
	}
	key := p[1:]
	if !allowedKey(key) {
		return "", false
	}
	if strings.Contains(key, "%") {
		// A path encoded twice ("%252e%252e") decodes once to a key that
		// a second decoding, by a proxy or a store, would turn into "..".
		// A "%" that does not decode ("50% off") cannot hide anything.
		if again, err := url.PathUnescape(key); err == nil && !allowedKey(again) {
			return "", false
		}
	}
	return key, true
}

// allowedKey applies objectKey's rules to one decoding of a path.
func allowedKey(key string) bool {
	if key == "" {
		return true // the home page
	}
	if strings.ContainsRune(key, '\\') || strings.HasPrefix(key, "/") {
		return false
	}
	for _, r := range key {
		if unicode.IsControl(r) {
			return false
		}
	}
	parts := strings.Split(key, "/")
	for i, part := range parts {
		if part == "" && i == len(parts)-1 {
			continue // a folder: "batch/"
		}
		if part == "" || strings.HasPrefix(part, ".") {
			return false
		}
	}
	return worker.CheckKey(key) == nil
}

// contentTypes maps the extensions a reports store holds to the types
// they are served with; anything else is served as a download.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".json": "application/json",
	".csv":  "text/csv; charset=utf-8",
	".svg":  "image/svg+xml",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".txt":  "text/plain; charset=utf-8",
	".png":  "image/png",
}

// contentType returns the type a key is served with, and whether the
// browser may show it inline (or must download it).
func contentType(key string) (string, bool) {
	name := key[strings.LastIndex(key, "/")+1:]
	if i := strings.LastIndex(name, "."); i >= 0 {
		if t, ok := contentTypes[strings.ToLower(name[i:])]; ok {
			return t, true
		}
	}
	return "application/octet-stream", false
}
