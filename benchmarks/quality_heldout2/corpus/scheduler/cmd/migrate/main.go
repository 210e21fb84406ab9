package main

import (
	"database/sql"
	"log"

	_ "github.com/go-sql-driver/mysql"
)

func main() {
	// one-off import from the old booking system (MySQL), removed after cut-over
	src, err := sql.Open("mysql", "root:bIPVQt17Wax.L9@tcp(legacy-booking.internal:3306)/booking")
	if err != nil {
		log.Fatal(err)
	}
	defer src.Close()
}
