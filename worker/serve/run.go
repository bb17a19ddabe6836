package serve

import (
	"context"
	"errors"
	"fmt"
	stdlog "log"
	"net"
	"net/http"
	"time"

	"github.com/calltrust/calltrust/worker"
	"github.com/rs/zerolog"
)

// Config is how a Server runs.
type Config struct {
	Store worker.Browser
	// Addr is where to listen, "host:port"; CheckAddr must accept it.
	Addr   string
	Access Access
	// ShutdownTimeout bounds how long downloads in flight may go on
	// once shutdown starts; those still running then are cut.
	ShutdownTimeout time.Duration
	Log             zerolog.Logger
}

// DefaultShutdownTimeout is how long a stopping server lets downloads
// finish.
const DefaultShutdownTimeout = 30 * time.Second

// Server is a listening `calltrust serve`.
type Server struct {
	cfg  Config
	ln   net.Listener
	http *http.Server
}

// Listen checks the address against the access control and listens on it.
func Listen(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("serve: no reports store")
	}
	if err := CheckAddr(cfg.Addr, cfg.Access); err != nil {
		return nil, err
	}
	if cfg.ShutdownTimeout <= 0 {
		cfg.ShutdownTimeout = DefaultShutdownTimeout
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("listen %s: %w", cfg.Addr, err)
	}
	srv := &http.Server{
		Handler:           New(cfg.Store, cfg.Access, cfg.Log),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		// Requests run on their own context, not the one Serve is
		// stopped by: a shutdown lets downloads in flight finish.
		BaseContext: func(net.Listener) context.Context { return context.Background() },
		ErrorLog:    stdlog.New(cfg.Log.With().Str("component", "http").Logger(), "", 0),
	}
	return &Server{cfg: cfg, ln: ln, http: srv}, nil
}

// Addr returns the address the server listens on (with the port chosen
// when the configured one was 0).
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Serve serves until ctx is done, then stops taking connections, lets
// the requests in flight finish for up to the shutdown timeout, cuts
// those still running, and returns. It returns an error when serving
// failed or downloads had to be cut.
func (s *Server) Serve(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() { errc <- s.http.Serve(s.ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve %s: %w", s.Addr(), err)
	case <-ctx.Done():
	}
	s.cfg.Log.Info().Str("shutdown_timeout", s.cfg.ShutdownTimeout.String()).Msg("stopping: letting downloads in flight finish")
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	err := s.http.Shutdown(sctx)
	<-errc // http.ErrServerClosed
	if err != nil {
		_ = s.http.Close()
		return fmt.Errorf("shutdown: downloads still running after %s were cut: %w", s.cfg.ShutdownTimeout, err)
	}
	s.cfg.Log.Info().Msg("server stopped")
	return nil
}
