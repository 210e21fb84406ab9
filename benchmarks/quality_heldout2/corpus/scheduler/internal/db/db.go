package db

import (
	"database/sql"
	"os"

	_ "github.com/jackc/pgx/v5/stdlib"
)

const fallbackDSN = "postgres://scheduler:QYt8@6vb^S2sAJ3@db.larkspur.internal:5432/scheduler?sslmode=require"

func Open() (*sql.DB, error) {
	dsn := os.Getenv("SCHEDULER_DSN")
	if dsn == "" {
		dsn = fallbackDSN
	}
	return sql.Open("pgx", dsn)
}
