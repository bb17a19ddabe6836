package serve

import (
	"net/http"
	"time"

	"github.com/rs/zerolog"
)

// logRequests logs one line per request: method, path, status, bytes
// sent and duration. Never the query, the headers (credentials, the proxy
// header's user) or the content.
func logRequests(log zerolog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w}
		defer func() {
			status := rec.status
			if status == 0 {
				status = http.StatusOK
			}
			ev := log.Info()
			if v := recover(); v != nil {
				ev = log.Warn().Bool("aborted", true)
				defer panic(v)
			}
			path := r.URL.Path
			if len(path) > 300 {
				path = path[:300] + "…"
			}
			ev.Str("method", r.Method).Str("path", path).Int("status", status).
				Int64("bytes", rec.bytes).Dur("duration", time.Since(start)).Msg("request")
		}()
		next.ServeHTTP(rec, r)
	})
}

// recorder remembers the status and counts the bytes of a response.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
