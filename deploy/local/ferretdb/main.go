// Command ferretdb runs FerretDB 1.x (MongoDB wire protocol over SQLite) embedded, with telemetry off.
// The upstream cmd/ferretdb binary panics when built from the module proxy (missing version file),
// so the project embeds the library instead.
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
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dir := flag.String("dir", "", "absolute directory holding one SQLite file per database")
	flag.Parse()
	if *dir == "" {
		slog.Error("missing -dir")
		os.Exit(2)
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		slog.Error("cannot create data dir", "err", err)
		os.Exit(1)
	}
	// Error level only: at warning level FerretDB dumps whole failed responses, which may quote the
	// values of the documents involved, and logs must never hold personal data.
	logger := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Handler:   "sqlite",
		SQLiteURL: "file:" + *dir + "/",
		Logger:    logger,
	})
	if err != nil {
		logger.Error("cannot configure ferretdb", "err", err)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(os.Stderr, "ferretdb listening on %s\n", *listen)
	f.Run(ctx)
}
