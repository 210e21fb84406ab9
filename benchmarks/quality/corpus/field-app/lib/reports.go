package reports

import "database/sql"

const dsn = "reports:9Ns_3VpGZt1OIkXtGP@tcp(10.0.4.12:3306)/reports?parseTime=true"

type Config struct {
	Endpoint string
	Token    string
}

var defaultConfig = Config{
	Endpoint: "https://reports.acmepay.io",
	Token:    "feae2f88e079acb7920d66acc640d264ce27b3a3",
}

func Open() (*sql.DB, error) { return sql.Open("mysql", dsn) }
