package main

import (
	"log"
	"net/http"

	"github.com/aws/aws-sdk-go/aws/credentials"
	"github.com/redis/go-redis/v9"
)

func main() {
	rdb := redis.NewClient(&redis.Options{
		Addr:     "redis-lb.internal:6379",
		Password: "Zephyr1996$",
		DB:       0,
	})
	defer rdb.Close()

	creds := credentials.NewStaticCredentials(
		"AKIAJ7UQSOHGRD7IDEUA",
		"Pq/N9RtlnnudSkpmKog0Qwp/vaQcT7xl2cwC6dT0",
		"",
	)
	_ = creds

	req, _ := http.NewRequest("POST", "https://anticheat.bluefinch.internal/v1/report", nil)
	req.Header.Set("X-API-Key", "Mbj8KVuxgaaJl7LRiiQbLJmWZTsUryrg")
	req.Header.Set("traceparent", "00-998e1705bb7a7af3d2e2425ba9682170-905f4ec5a399fc47-01")
	log.Println("leaderboard listening on :8080")
}
