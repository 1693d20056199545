// Command ferretdb runs FerretDB 1.24.2 for Union Graph's development stack and tests.
//
// It embeds FerretDB's public `ferretdb` package rather than building cmd/ferretdb: with Go 1.24+
// a binary built from a dependency's main package reports that module as its main module, which
// turns on FerretDB's release-version check and panics (its version.txt is not in the module zip).
// The embedded server is the same server, with telemetry disabled and locked.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on (keep it on loopback: the SQLite backend has no authentication)")
	sqliteURL := flag.String("sqlite-url", "file:data/", "SQLite URI of an existing directory, ending in /")
	handler := flag.String("handler", "sqlite", "backend handler: sqlite or postgresql")
	postgresURL := flag.String("postgresql-url", "", "PostgreSQL URL for the postgresql handler")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	version := flag.Bool("version", false, "print the FerretDB version and exit")
	flag.Parse()

	if *version {
		fmt.Println("ferretdb v1.24.2 (embedded)")
		return
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintln(os.Stderr, "bad --log-level:", err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listen},
		Logger:        logger,
		Handler:       *handler,
		SQLiteURL:     *sqliteURL,
		PostgreSQLURL: *postgresURL,
	})
	if err != nil {
		logger.Error("start failed", "error", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := f.Run(ctx); err != nil && ctx.Err() == nil {
		logger.Error("stopped", "error", err)
		os.Exit(1)
	}
}
