package serve

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// ErrNotBcrypt is the error for an htpasswd entry whose hash is not
// bcrypt: a plain-text password, crypt, MD5 ("$apr1$") or SHA-1 ("{SHA}").
var ErrNotBcrypt = errors.New("not a bcrypt hash")

// maxHtpasswd bounds the size of an htpasswd file.
const maxHtpasswd = 1 << 20

// Htpasswd holds the users of an htpasswd file and their bcrypt hashes,
// as `htpasswd -B` writes them.
type Htpasswd struct {
	users map[string][]byte
	dummy []byte // compared against for unknown users, so they take as long
}

// LoadHtpasswd reads an htpasswd file of "user:hash" lines (blank lines
// and lines starting with "#" are skipped). Every hash must be bcrypt
// ($2a$, $2b$ or $2y$) with a cost bcrypt accepts: a file holding any
// other entry is refused whole, naming the file, the line and the user,
// never the hash. A file with no user is refused too.
func LoadHtpasswd(path string) (*Htpasswd, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("htpasswd %s: %w", path, err)
	}
	if len(data) > maxHtpasswd {
		return nil, fmt.Errorf("htpasswd %s: %d bytes, more than %d", path, len(data), maxHtpasswd)
	}
	h := &Htpasswd{users: map[string][]byte{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	maxCost := bcrypt.MinCost
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		user, hash, ok := strings.Cut(line, ":")
		if !ok || user == "" || hash == "" {
			return nil, fmt.Errorf("htpasswd %s: line %d: want user:bcrypt-hash", path, n)
		}
		if _, dup := h.users[user]; dup {
			return nil, fmt.Errorf("htpasswd %s: line %d: user %q listed twice", path, n, user)
		}
		cost, err := bcryptCost(hash)
		if err != nil {
			return nil, fmt.Errorf("htpasswd %s: line %d: user %q: %w (make entries with `htpasswd -B`)", path, n, user, err)
		}
		maxCost = max(maxCost, cost)
		h.users[user] = []byte(hash)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("htpasswd %s: %w", path, err)
	}
	if len(h.users) == 0 {
		return nil, fmt.Errorf("htpasswd %s: no users", path)
	}
	h.dummy, err = bcrypt.GenerateFromPassword([]byte("calltrust-no-such-user"), maxCost)
	if err != nil {
		return nil, fmt.Errorf("htpasswd %s: %w", path, err)
	}
	return h, nil
}

// bcryptCost checks that hash is a well-formed bcrypt hash and returns its
// cost.
func bcryptCost(hash string) (int, error) {
	if !strings.HasPrefix(hash, "$2a$") && !strings.HasPrefix(hash, "$2b$") && !strings.HasPrefix(hash, "$2y$") {
		return 0, ErrNotBcrypt
	}
	cost, err := bcrypt.Cost([]byte(hash))
	if err != nil {
		return 0, fmt.Errorf("%w: %v", ErrNotBcrypt, err)
	}
	if len(hash) != 60 {
		return 0, fmt.Errorf("%w: %d characters, not 60", ErrNotBcrypt, len(hash))
	}
	return cost, nil
}

// Match reports whether password is user's. An unknown user costs a
// bcrypt comparison too, so that timing does not tell which users exist.
func (h *Htpasswd) Match(user, password string) bool {
	hash, ok := h.users[user]
	if !ok {
		_ = bcrypt.CompareHashAndPassword(h.dummy, []byte(password))
		return false
	}
	return bcrypt.CompareHashAndPassword(hash, []byte(password)) == nil
}
