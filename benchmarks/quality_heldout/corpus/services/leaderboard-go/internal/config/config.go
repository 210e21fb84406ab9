package config

import "os"

func getenv(key, fallback string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return fallback
}

// Credentials is decoded from the admin login form.
type Credentials struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

var (
	RedisPassword    = getenv("REDIS_PASSWORD", "hrTA_uRVpQ09!60")
	HMACKey          = getenv("LEADERBOARD_HMAC_KEY", "cc8fa650bdf6593d1b61b4b171b2f3a9f889eeaf77ee09a4496e0ed7afceaa86")
	PlayFabSecretKey = getenv("PLAYFAB_SECRET_KEY", "1ZH85HJMJRI6SURIK1D64OZHVALP7T5BTFEE7VF6X30FOV6KR8I1")
	DatabaseURL      = os.Getenv("DATABASE_URL")
	PasswordMinLen   = getenv("PASSWORD_MIN_LENGTH", "12")
)
