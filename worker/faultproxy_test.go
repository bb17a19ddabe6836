package worker

// A fault-injecting HTTP reverse proxy for S3 tests: it sits on a loopback
// port in front of a real S3 server (MinIO) and, by the rules it is given,
// delays requests or answers them itself with S3 XML errors (503 SlowDown,
// 500 InternalError) instead of forwarding them.

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// s3Fault is what the proxy does with one request: wait Delay, then
// answer with Status and the S3 error Code when Status is not 0, else
// forward the request.
type s3Fault struct {
	Delay   time.Duration
	Status  int
	Code    string
	Message string
}

// Faults the proxy answers with.
var (
	faultSlowDown = s3Fault{Status: http.StatusServiceUnavailable, Code: "SlowDown", Message: "Please reduce your request rate."}
	faultInternal = s3Fault{Status: http.StatusInternalServerError, Code: "InternalError", Message: "We encountered an internal error. Please try again."}
)

// s3Request is a request as the fault rules see it: its method, bucket and
// object key (path-style addressing).
type s3Request struct {
	Method string
	Bucket string
	Key    string
}

// faultRule decides the fault of a request; the zero s3Fault forwards it
// at once.
type faultRule func(s3Request) s3Fault

// faultProxy is the proxy. Its rule can change while it runs.
type faultProxy struct {
	URL      string // http://127.0.0.1:PORT, the endpoint to give clients
	mu       sync.Mutex
	rule     faultRule
	requests atomic.Int64
	injected sync.Map // S3 error code -> *atomic.Int64
}

// startFaultProxy starts a proxy in front of target (an http:// endpoint)
// that forwards everything until setRule is called, and stops it when the
// test ends. The Host header is kept, so SigV4 signatures made for the
// proxy's address stay valid at the server.
func startFaultProxy(t testing.TB, target string) *faultProxy {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &faultProxy{URL: "http://" + l.Addr().String()}
	rp := httputil.NewSingleHostReverseProxy(u)
	rp.ErrorHandler = func(w http.ResponseWriter, r *http.Request, err error) {
		// The server is unreachable: drop the connection, as a dead
		// endpoint would, rather than answer 502.
		if hj, ok := w.(http.Hijacker); ok {
			if c, _, herr := hj.Hijack(); herr == nil {
				c.Close()
				return
			}
		}
		w.WriteHeader(http.StatusBadGateway)
	}
	srv := &http.Server{Handler: p.handler(rp), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(l)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			srv.Close()
		}
	})
	return p
}

// setRule replaces the rule; nil forwards everything.
func (p *faultProxy) setRule(r faultRule) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rule = r
}

// injectedCount returns how many requests were answered with the S3 error
// code.
func (p *faultProxy) injectedCount(code string) int64 {
	if n, ok := p.injected.Load(code); ok {
		return n.(*atomic.Int64).Load()
	}
	return 0
}

func (p *faultProxy) handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.requests.Add(1)
		p.mu.Lock()
		rule := p.rule
		p.mu.Unlock()
		var f s3Fault
		if rule != nil {
			f = rule(parseS3Request(r))
		}
		if f.Delay > 0 {
			select {
			case <-time.After(f.Delay):
			case <-r.Context().Done():
				return
			}
		}
		if f.Status == 0 {
			next.ServeHTTP(w, r)
			return
		}
		n, _ := p.injected.LoadOrStore(f.Code, new(atomic.Int64))
		n.(*atomic.Int64).Add(1)
		io.Copy(io.Discard, r.Body)
		writeS3Error(w, r, f)
	})
}

// writeS3Error answers with an S3 error document, as S3 does.
func writeS3Error(w http.ResponseWriter, r *http.Request, f s3Fault) {
	id := fmt.Sprintf("FAULT%016X", rand.Uint64())
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("x-amz-request-id", id)
	if f.Status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "1")
	}
	w.WriteHeader(f.Status)
	if r.Method == http.MethodHead {
		return
	}
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
		`<Error><Code>%s</Code><Message>%s</Message><Resource>%s</Resource><RequestId>%s</RequestId></Error>`,
		f.Code, f.Message, r.URL.Path, id)
}

// parseS3Request reads the bucket and key of a path-style request.
func parseS3Request(r *http.Request) s3Request {
	path := strings.TrimPrefix(r.URL.Path, "/")
	bucket, key, _ := strings.Cut(path, "/")
	return s3Request{Method: r.Method, Bucket: bucket, Key: key}
}

// flakyRule answers a share of all requests (0..1) with SlowDown or
// InternalError, half each.
func flakyRule(share float64) faultRule {
	return func(s3Request) s3Fault {
		if rand.Float64() >= share {
			return s3Fault{}
		}
		if rand.IntN(2) == 0 {
			return faultSlowDown
		}
		return faultInternal
	}
}

// keyRule answers every request for the given object keys with the
// fault, and forwards the rest.
func keyRule(faults map[string]s3Fault) faultRule {
	return func(r s3Request) s3Fault {
		return faults[r.Key]
	}
}

// delayRule delays requests by what delay returns for their key.
func delayRule(delay func(s3Request) time.Duration) faultRule {
	return func(r s3Request) s3Fault { return s3Fault{Delay: delay(r)} }
}
