// Command ferretdb runs FerretDB 1.x (MongoDB wire protocol over SQLite) embedded, with telemetry off.
// The upstream cmd/ferretdb binary panics when built from the module proxy (missing version file),
// so the project embeds the library instead.
package main

import (
	"context"
	"flag"
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
	logger := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
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
	logger.Warn("ferretdb listening", "addr", *listen)
	f.Run(ctx)
}
