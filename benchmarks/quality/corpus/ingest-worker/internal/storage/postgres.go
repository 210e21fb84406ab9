package storage

import (
	"context"
	"fmt"
	"net/url"

	"github.com/jackc/pgx/v5/pgxpool"
)

type Postgres struct {
	pool *pgxpool.Pool
}

func NewPostgres(ctx context.Context, host, user, password string) (*Postgres, error) {
	dsn := url.URL{
		Scheme:   "postgres",
		User:     url.UserPassword(user, password),
		Host:     fmt.Sprintf("%s:5432", host),
		Path:     "ingest",
		RawQuery: "sslmode=require",
	}
	pool, err := pgxpool.New(ctx, dsn.String())
	if err != nil {
		return nil, err
	}
	return &Postgres{pool: pool}, nil
}

func (p *Postgres) Close() { p.pool.Close() }

// Used only by `make migrate-local`.
const localDSN = "postgres://ingest:bvy0Dxo5pC.JFz2B30@localhost:5432/ingest?sslmode=disable"
