library(DBI)
library(aws.s3)

con <- dbConnect(RPostgres::Postgres(), host = "warehouse.internal", dbname = "analytics",
                 user = "analyst", password = "Orchid1995#")

Sys.setenv(AWS_ACCESS_KEY_ID = "AKIA7N56WL5VPQIDYWUN")
Sys.setenv(AWS_SECRET_ACCESS_KEY = "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")

amplitude_key <- "51cf070b30b63e108337eb77e57f705b"
db_pw <- Sys.getenv("ANALYTICS_DB_PASSWORD")

cohorts <- dbGetQuery(con, "SELECT install_week, d7_retention FROM cohorts")
