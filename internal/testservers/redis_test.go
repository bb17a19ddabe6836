package testservers

import (
	"net"
	"strings"
	"testing"
	"time"
)

// TestRedis checks the redis-server starter itself: data survives a Stop
// and Start on the same port, and password and TLS servers answer.
func TestRedis(t *testing.T) {
	t.Run("restart keeps data", func(t *testing.T) {
		s := StartRedis(t)
		if _, err := s.Do("SET", "batch:b1", "kept"); err != nil {
			t.Fatal(err)
		}
		s.Stop()
		if err := s.Ping(); err == nil {
			t.Fatal("server answers after Stop")
		}
		s.Start()
		if got, err := s.Do("GET", "batch:b1"); got != "kept" {
			t.Errorf("GET after restart = %q, %v; want kept", got, err)
		}
		s.Kill()
		s.Start()
		if got, err := s.Do("GET", "batch:b1"); got != "kept" {
			t.Errorf("GET after kill and start = %q, %v; want kept", got, err)
		}
	})
	t.Run("password", func(t *testing.T) {
		s := StartRedis(t, RedisPassword("pw-"+RandomHex(t, 4)))
		if !strings.HasPrefix(s.URL(), "redis://:pw-") {
			t.Errorf("URL %q lacks the password", s.URL())
		}
		if got, err := RedisDo(s.Addr(), "", "PING"); err == nil {
			t.Errorf("PING without AUTH answered %q", got)
		}
	})
	t.Run("tls", func(t *testing.T) {
		s := StartRedis(t, RedisTLS())
		if !strings.HasPrefix(s.URL(), "rediss://") || s.TLSConfig() == nil {
			t.Errorf("URL %q, TLS config %v", s.URL(), s.TLSConfig())
		}
		if _, err := net.DialTimeout("tcp", s.Addr(), time.Second); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Do("ECHO", "over tls"); got != "over tls" {
			t.Errorf("ECHO = %q, %v", got, err)
		}
	})
}
