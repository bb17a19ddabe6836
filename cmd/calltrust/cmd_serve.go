package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/calltrust/calltrust/worker"
	"github.com/calltrust/calltrust/worker/serve"
)

func runServe(e *env, args []string) error {
	fs := newFlags(e, "serve", "",
		"Serve the reports store read-only over HTTP: a home page listing the batches newest first,\n"+
			"and every stored page, report and summary as it is. Listens on loopback unless access is\n"+
			"controlled with --basic-auth or --trust-proxy-header. Stops on SIGTERM or SIGINT, letting\n"+
			"downloads in flight finish.")
	reports := fs.String("reports", "", "the reports store: s3://bucket/prefix/ or a folder (required)")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; another than loopback needs --basic-auth or --trust-proxy-header")
	basicAuth := fs.String("basic-auth", "", "htpasswd file of bcrypt entries (htpasswd -B); every request must carry one user's password")
	proxyHeader := fs.String("trust-proxy-header", "", "header a single sign-on proxy sets on the requests it lets through (e.g. X-Forwarded-User); requests without it are refused. Only the proxy may reach the server")
	shutdown := fs.Duration("shutdown-timeout", serve.DefaultShutdownTimeout, "on SIGTERM, how long downloads in flight may finish")
	logLevel := fs.String("log-level", "info", "debug, info, warn or error")
	storeOpts := addStoreFlags(fs)
	pos, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usageErr("serve takes no arguments (give the store with --reports), got %q", pos)
	}
	if *reports == "" {
		return usageErr("--reports is required")
	}
	access := serve.Access{ProxyHeader: strings.TrimSpace(*proxyHeader)}
	if *basicAuth != "" {
		if access.Users, err = serve.LoadHtpasswd(*basicAuth); err != nil {
			return usageErr("--basic-auth: %v", err)
		}
	}
	if err := serve.CheckAddr(*addr, access); err != nil {
		return usageErr("--addr: %v", err)
	}
	log, err := worker.NewLogger(e.stderr, *logLevel, worker.IsTerminal(e.stderr))
	if err != nil {
		return usageErr("--log-level: %v", err)
	}
	url := storeURL(*reports)
	if !strings.Contains(url, "://") {
		if fi, err := os.Stat(url); err != nil || !fi.IsDir() {
			return usageErr("--reports %s: not a folder", *reports)
		}
	}
	ctx, stop := signalContext()
	defer stop()
	st, err := worker.OpenStore(ctx, url, *storeOpts)
	if err != nil {
		return err
	}
	browser, ok := st.(worker.Browser)
	if !ok {
		return fmt.Errorf("--reports %s: this store cannot be served", *reports)
	}
	srv, err := serve.Listen(serve.Config{Store: browser, Addr: *addr, Access: access, ShutdownTimeout: *shutdown, Log: log})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "serving %s at http://%s/\n", url, srv.Addr())
	log.Info().Str("addr", srv.Addr()).Bool("basic_auth", access.Users != nil).Bool("proxy_header", access.ProxyHeader != "").Msg("serving the reports store")
	return srv.Serve(ctx)
}
