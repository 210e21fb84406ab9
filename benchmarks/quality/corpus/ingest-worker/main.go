package main

import (
	"context"
	"flag"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/acmepay/ingest-worker/internal/consumer"
	"github.com/acmepay/ingest-worker/internal/storage"
)

const (
	defaultBrokers = "b-1.events.kafka.eu-west-1.amazonaws.com:9096"
	saslUser       = "ingest-worker"
	saslPassword   = "meUh+wksU8dSaNrFWv5SRc=lfFhh"
)

func main() {
	brokers := flag.String("brokers", defaultBrokers, "comma separated Kafka brokers")
	dbPassword := flag.String("db-password", "", "Postgres password (or DB_PASSWORD)")
	topic := flag.String("topic", "payments.events.v1", "topic to consume")
	flag.Parse()

	pw := os.Getenv("DB_PASSWORD")
	if pw == "" {
		pw = *dbPassword
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	store, err := storage.NewPostgres(ctx, os.Getenv("DB_HOST"), "ingest", pw)
	if err != nil {
		slog.Error("connect postgres", "err", err)
		os.Exit(1)
	}
	defer store.Close()

	c := consumer.New(*brokers, *topic, saslUser, saslPassword, store)
	if err := c.Run(ctx); err != nil {
		slog.Error("consumer stopped", "err", err)
		os.Exit(1)
	}
}
