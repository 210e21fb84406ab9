library(DBI)

risk_db <- function() {
  dbConnect(
    RPostgres::Postgres(),
    host = "risk-db.eu1.internal",
    dbname = "risk",
    user = "risk_analyst",
    password = "cTFweFUxzf8mmnU2L."
  )
}

warehouse <- function() {
  dbConnect(odbc::odbc(), "Snowflake",
            pwd = Sys.getenv("SNOWFLAKE_PASSWORD"))
}

vendor_token <- function() keyring::key_get("bureau-api", "risk_svc")
