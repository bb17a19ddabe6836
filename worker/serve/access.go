package serve

import (
	"fmt"
	"net"
	"net/http"
	"strings"
)

// Access is how the server controls who reads the pages. The zero value
// controls nothing, which is allowed on a loopback address only.
type Access struct {
	// Users, when set, asks every request for basic-auth credentials that
	// match an htpasswd entry.
	Users *Htpasswd
	// ProxyHeader, when set, names a header a single sign-on proxy in
	// front of the server sets on every request it lets through; a request
	// without it is refused. The server must then be reachable only
	// through that proxy.
	ProxyHeader string
}

// Controlled reports whether any access control is set.
func (a Access) Controlled() bool { return a.Users != nil || a.ProxyHeader != "" }

// CheckAddr refuses to listen on addr ("host:port") unless its host is a
// loopback address ("127.0.0.1", "::1", "localhost") or access is
// controlled: the pages hold what customers said. An empty host (all
// interfaces) is not loopback.
func CheckAddr(addr string, a Access) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("address %q: %w", addr, err)
	}
	if isLoopback(host) || a.Controlled() {
		return nil
	}
	where := host
	if where == "" {
		where = "every interface"
	}
	return fmt.Errorf("address %s listens on %s, not loopback: the pages hold what customers said, so another address needs --basic-auth FILE or --trust-proxy-header NAME", addr, where)
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// guard wraps next with the access checks: a request lacking the proxy
// header, or basic-auth credentials matching an htpasswd entry, is
// answered 401 and never reaches next.
func (a Access) guard(next http.Handler) http.Handler {
	if !a.Controlled() {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if a.ProxyHeader != "" && r.Header.Get(a.ProxyHeader) == "" {
			unauthorized(w, false)
			return
		}
		if a.Users != nil {
			user, pass, ok := r.BasicAuth()
			if !ok || !a.Users.Match(user, pass) {
				unauthorized(w, true)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

func unauthorized(w http.ResponseWriter, basic bool) {
	if basic {
		w.Header().Set("WWW-Authenticate", `Basic realm="calltrust reports", charset="UTF-8"`)
	}
	http.Error(w, "401 unauthorized", http.StatusUnauthorized)
}
