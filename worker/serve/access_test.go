package serve

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/calltrust/calltrust/worker"
	"golang.org/x/crypto/bcrypt"
)

// bcryptLine is an htpasswd line for user with password, as `htpasswd -B`
// writes it (at the lowest cost, for speed).
func bcryptLine(t *testing.T, user, password string) string {
	t.Helper()
	h, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	return user + ":" + string(h)
}

func writeHtpasswd(t *testing.T, lines ...string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "htpasswd")
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadHtpasswd(t *testing.T) {
	good := bcryptLine(t, "morgan", "correct horse")
	cases := []struct {
		name    string
		lines   []string
		wantErr string // "" when the file loads
		notBcry bool
	}{
		{"bcrypt entries with a comment", []string{"# managers", good, "", bcryptLine(t, "casey", "battery staple")}, "", false},
		{"plain-text entry", []string{good, "casey:battery staple"}, "line 2: user \"casey\"", true},
		{"apr1 MD5 entry", []string{"casey:$apr1$r31.....$HqJZimcKQFAMYayBlzkrA/"}, "line 1", true},
		{"SHA-1 entry", []string{"casey:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g="}, "line 1", true},
		{"crypt entry", []string{"casey:rl0uTIlTC4xWo"}, "line 1", true},
		{"truncated bcrypt", []string{good[:len(good)-5]}, "line 1", true},
		{"no colon", []string{"casey"}, "line 1: want user:bcrypt-hash", false},
		{"user twice", []string{good, good}, "listed twice", false},
		{"no users", []string{"# nobody yet"}, "no users", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := writeHtpasswd(t, tc.lines...)
			h, err := LoadHtpasswd(p)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("load: %v", err)
				}
				if !h.Match("morgan", "correct horse") || h.Match("morgan", "wrong") || h.Match("nobody", "correct horse") {
					t.Error("Match does not tell the right password from wrong ones")
				}
				return
			}
			if err == nil {
				t.Fatalf("loaded, want an error with %q", tc.wantErr)
			}
			if !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), p) {
				t.Errorf("error %q lacks %q or the file name", err, tc.wantErr)
			}
			if tc.notBcry != errors.Is(err, ErrNotBcrypt) {
				t.Errorf("errors.Is(err, ErrNotBcrypt) = %v, want %v", !tc.notBcry, tc.notBcry)
			}
			if strings.Contains(err.Error(), "battery staple") || strings.Contains(err.Error(), "$apr1$") {
				t.Errorf("error shows the password or hash: %q", err)
			}
		})
	}
}

func TestCheckAddr(t *testing.T) {
	users := &Htpasswd{}
	cases := []struct {
		name   string
		addr   string
		access Access
		ok     bool
	}{
		{"IPv4 loopback", "127.0.0.1:8080", Access{}, true},
		{"other IPv4 loopback", "127.0.0.2:8080", Access{}, true},
		{"IPv6 loopback", "[::1]:8080", Access{}, true},
		{"localhost", "localhost:8080", Access{}, true},
		{"every interface", ":8080", Access{}, false},
		{"0.0.0.0", "0.0.0.0:8080", Access{}, false},
		{"IPv6 any", "[::]:8080", Access{}, false},
		{"LAN address", "192.168.1.20:8080", Access{}, false},
		{"host name", "reports.example.com:8080", Access{}, false},
		{"every interface with basic auth", ":8080", Access{Users: users}, true},
		{"every interface behind a proxy", "0.0.0.0:8080", Access{ProxyHeader: "X-Forwarded-User"}, true},
		{"no port", "127.0.0.1", Access{}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckAddr(tc.addr, tc.access)
			if (err == nil) != tc.ok {
				t.Errorf("CheckAddr(%q) = %v, want ok %v", tc.addr, err, tc.ok)
			}
		})
	}
	if _, err := Listen(Config{Store: worker.NewLocalStore(t.TempDir()), Addr: "0.0.0.0:0"}); err == nil || !strings.Contains(err.Error(), "--basic-auth") {
		t.Errorf("Listen on 0.0.0.0 without access control = %v, want a refusal naming --basic-auth", err)
	}
}

func TestAccessControl(t *testing.T) {
	st := worker.NewLocalStore(t.TempDir())
	writeBatch(t, st, "b1")
	users, err := LoadHtpasswd(writeHtpasswd(t, bcryptLine(t, "morgan", "correct horse")))
	if err != nil {
		t.Fatal(err)
	}
	basic := func(user, pass string) map[string]string {
		r, _ := http.NewRequest("GET", "/", nil)
		r.SetBasicAuth(user, pass)
		return map[string]string{"Authorization": r.Header.Get("Authorization")}
	}
	cases := []struct {
		name   string
		access Access
		hdr    map[string]string
		want   int
	}{
		{"basic: no credentials", Access{Users: users}, nil, http.StatusUnauthorized},
		{"basic: wrong password", Access{Users: users}, basic("morgan", "wrong"), http.StatusUnauthorized},
		{"basic: unknown user", Access{Users: users}, basic("casey", "correct horse"), http.StatusUnauthorized},
		{"basic: not basic", Access{Users: users}, map[string]string{"Authorization": "Bearer abc"}, http.StatusUnauthorized},
		{"basic: right password", Access{Users: users}, basic("morgan", "correct horse"), http.StatusOK},
		{"proxy: header missing", Access{ProxyHeader: "X-Forwarded-User"}, nil, http.StatusUnauthorized},
		{"proxy: header empty", Access{ProxyHeader: "X-Forwarded-User"}, map[string]string{"X-Forwarded-User": ""}, http.StatusUnauthorized},
		{"proxy: header set", Access{ProxyHeader: "X-Forwarded-User"}, map[string]string{"X-Forwarded-User": "morgan@example.com"}, http.StatusOK},
		{"both: header without password", Access{Users: users, ProxyHeader: "X-Auth"}, map[string]string{"X-Auth": "m"}, http.StatusUnauthorized},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			base, logs := startServer(t, st, tc.access)
			for _, path := range []string{"/", "/b1/", "/b1/north/harbor.txt.html", "/b1/summary.json"} {
				resp, body := get(t, base+path, tc.hdr)
				if resp.StatusCode != tc.want {
					t.Errorf("GET %s = %d, want %d", path, resp.StatusCode, tc.want)
				}
				if tc.want == http.StatusUnauthorized && strings.Contains(body, "Avery") {
					t.Errorf("GET %s: a 401 shows page content", path)
				}
				if tc.access.Users != nil && tc.want == http.StatusUnauthorized && tc.access.ProxyHeader == "" &&
					!strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Basic ") {
					t.Errorf("GET %s: 401 without a Basic challenge", path)
				}
			}
			if resp, _ := get(t, base+"/healthz", nil); resp.StatusCode != http.StatusOK {
				t.Errorf("/healthz = %d, want 200 without credentials", resp.StatusCode)
			}
			for _, secret := range []string{"correct horse", "Basic ", "morgan@example.com", "Authorization"} {
				if strings.Contains(logs.String(), secret) {
					t.Errorf("logs carry %q", secret)
				}
			}
		})
	}
}
