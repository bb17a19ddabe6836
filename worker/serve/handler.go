package serve

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/calltrust/calltrust/worker"
	"github.com/rs/zerolog"
)

// pageCSP is the Content-Security-Policy of every stored object served:
// whatever a page asks for, nothing is loaded from another origin and no
// form is sent anywhere. Stored pages carry their own, stricter policy.
const pageCSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// copyBuffer is the size of the buffer a download is streamed through.
const copyBuffer = 32 << 10

// Handler serves a reports store: the home page at "/", /healthz, and
// every object under the store's root at its key.
type Handler struct {
	store worker.Browser
	log   zerolog.Logger
	home  *homeCache
}

// NewHandler returns the read-only handler over store, without access
// control or request logs (New adds them).
func NewHandler(store worker.Browser, log zerolog.Logger) *Handler {
	return &Handler{store: store, log: log, home: newHomeCache()}
}

// New returns the server's whole handler: request logs, then /healthz
// (open to health checks, it tells nothing of the store), then the access
// checks, then the store.
func New(store worker.Browser, a Access, log zerolog.Logger) http.Handler {
	h := NewHandler(store, log)
	guarded := a.guard(h)
	return logRequests(log, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			_, _ = io.WriteString(w, "ok\n")
			return
		}
		guarded.ServeHTTP(w, r)
	}))
}

// ServeHTTP answers GET and HEAD: "/" is the home page, a path ending in
// "/" is that folder's index.html, and any other path is the object at
// that key. Paths objectKey refuses are 404 without a store access.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	key, ok := objectKey(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	if key == "" {
		h.serveHome(w, r)
		return
	}
	if strings.HasSuffix(key, "/") {
		key += "index.html"
	}
	h.serveObject(w, r, key)
}

// serveObject streams the object at key. A conditional request is first
// answered from the object's identity alone (a HEAD on S3), so a page the
// browser has is not downloaded again.
func (h *Handler) serveObject(w http.ResponseWriter, r *http.Request, key string) {
	ctx := r.Context()
	if r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "" {
		info, err := h.store.Stat(ctx, key)
		if err != nil {
			h.storeError(w, r, key, err)
			return
		}
		if notModified(r, info) {
			validators(w.Header(), info)
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	body, info, err := h.store.Open(ctx, key)
	if err != nil {
		h.storeError(w, r, key, err)
		return
	}
	defer body.Close()
	hd := w.Header()
	validators(hd, info)
	if notModified(r, info) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	ctype, inline := contentType(key)
	hd.Set("Content-Type", ctype)
	if !inline {
		hd.Set("Content-Disposition", "attachment")
	}
	hd.Set("Content-Length", strconv.FormatInt(info.Size, 10))
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Security-Policy", pageCSP)
	hd.Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	buf := make([]byte, copyBuffer)
	if _, err := io.CopyBuffer(w, body, buf); err != nil && ctx.Err() == nil {
		// The status is sent: cut the connection so the client sees a
		// short body, not a whole one.
		h.log.Warn().Str("path", r.URL.Path).Err(err).Msg("download cut short")
		panic(http.ErrAbortHandler)
	}
}

// storeError answers a failed store access: 404 for a missing or refused
// key (or a folder without an index.html, which redirects to the folder
// when it has one), 502 otherwise, without the store's error, which is
// logged.
func (h *Handler) storeError(w http.ResponseWriter, r *http.Request, key string, err error) {
	if errors.Is(err, worker.ErrNotFound) || errors.Is(err, worker.ErrBadKey) {
		if !strings.HasSuffix(key, "/index.html") && !strings.Contains(key[strings.LastIndex(key, "/")+1:], ".") {
			if _, serr := h.store.Stat(r.Context(), key+"/index.html"); serr == nil {
				http.Redirect(w, r, (&url.URL{Path: "/" + key + "/"}).EscapedPath(), http.StatusMovedPermanently)
				return
			}
		}
		http.NotFound(w, r)
		return
	}
	if r.Context().Err() != nil {
		return // the client left
	}
	h.log.Error().Err(err).Str("path", r.URL.Path).Msg("reports store")
	http.Error(w, "502 the reports store did not answer", http.StatusBadGateway)
}

// validators sets the caching headers of an object: its ETag and
// modification time, and no-cache, which makes the browser ask again
// (cheaply, with If-None-Match) each time, as summaries and trends are
// rewritten in place.
func validators(hd http.Header, info worker.ObjectInfo) {
	if info.ETag != "" {
		hd.Set("ETag", `"`+info.ETag+`"`)
	}
	if !info.ModTime.IsZero() {
		hd.Set("Last-Modified", info.ModTime.UTC().Format(http.TimeFormat))
	}
	hd.Set("Cache-Control", "no-cache")
}

// notModified reports whether the request's validators match the object:
// If-None-Match when present (weak comparison, "*" matching any), else
// If-Modified-Since at the second.
func notModified(r *http.Request, info worker.ObjectInfo) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, tag := range strings.Split(inm, ",") {
			tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
			if tag == "*" || (info.ETag != "" && tag == `"`+info.ETag+`"`) {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" && !info.ModTime.IsZero() {
		t, err := http.ParseTime(ims)
		return err == nil && !info.ModTime.Truncate(time.Second).After(t)
	}
	return false
}
