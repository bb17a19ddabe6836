package testservers

import (
	"bufio"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"
)

// RedisDo sends one command to the Redis or Sentinel at addr on a new
// connection (after AUTH when password is set) and returns the simple or
// whole bulk string reply, as INFO gives.
func RedisDo(addr, password string, args ...string) (string, error) {
	return do(addr, password, nil, args...)
}

// do is RedisDo over TLS when tlsConf is set.
func do(addr, password string, tlsConf *tls.Config, args ...string) (string, error) {
	d := net.Dialer{Timeout: time.Second}
	var c net.Conn
	var err error
	if tlsConf != nil {
		c, err = tls.DialWithDialer(&d, "tcp", addr, tlsConf)
	} else {
		c, err = d.Dial("tcp", addr)
	}
	if err != nil {
		return "", err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(2 * time.Second))
	r := bufio.NewReader(c)
	if password != "" {
		if _, err := respDo(c, r, "AUTH", password); err != nil {
			return "", err
		}
	}
	return respDo(c, r, args...)
}

// respDo sends one command and reads a simple or bulk string reply.
func respDo(c net.Conn, r *bufio.Reader, args ...string) (string, error) {
	if _, err := c.Write(respCommand(args...)); err != nil {
		return "", err
	}
	line, err := r.ReadString('\n')
	if err != nil {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	switch {
	case strings.HasPrefix(line, "+"):
		return line[1:], nil
	case strings.HasPrefix(line, "$") && line != "$-1":
		n, err := strconv.Atoi(line[1:])
		if err != nil {
			return "", fmt.Errorf("%s: bulk length %q: %w", args[0], line, err)
		}
		b := make([]byte, n+2)
		_, err = io.ReadFull(r, b)
		return string(b[:n]), err
	}
	return "", fmt.Errorf("%s: %q", args[0], line)
}

// respCommand encodes a command in RESP.
func respCommand(args ...string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "*%d\r\n", len(args))
	for _, a := range args {
		fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(a), a)
	}
	return []byte(b.String())
}
