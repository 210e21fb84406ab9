package config

import (
	"os"
	"strconv"
	"time"
)

const (
	// PasswordEnv names the variable that carries the intake database password.
	PasswordEnv      = "INTAKE_DB_PASSWORD"
	defaultHL7Secret = "iljSPhPA4ux6~WeRZ4I=2GYW"
	sessionTTL       = 30 * time.Minute
)

type Config struct {
	DBPassword       string
	RedisURL         string
	FHIRClientSecret string
	HL7SharedSecret  string
	MaxBatch         int
}

func getenv(key, fallback string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return fallback
}

func Load() Config {
	batch, _ := strconv.Atoi(getenv("INTAKE_MAX_BATCH", "200"))
	return Config{
		DBPassword:       getenv(PasswordEnv, "wu4xUteT#lvEhM0%PD"),
		RedisURL:         getenv("REDIS_URL", "redis://localhost:6379/0"),
		FHIRClientSecret: os.Getenv("FHIR_CLIENT_SECRET"),
		HL7SharedSecret:  getenv("HL7_SHARED_SECRET", defaultHL7Secret),
		MaxBatch:         batch,
	}
}
