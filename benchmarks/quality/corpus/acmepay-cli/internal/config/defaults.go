package config

import (
	"os"
	"time"
)

// Config is the CLI's configuration, loaded from ~/.acmepay/config.toml and the environment.
type Config struct {
	APIURL       string
	APIToken     string `toml:"api_token" env:"ACMEPAY_API_TOKEN"`
	Timeout      time.Duration
	TelemetryKey string
	ProxyURL     string
}

// Default returns the built-in defaults. Values here ship inside the binary.
func Default() Config {
	return Config{
		APIURL:       "https://api.acmepay.io",
		Timeout:      30 * time.Second,
		TelemetryKey: "phc_RjiH9MXHOQKR1PAZtnldLJqJsUKyT4KpyIEvr5leqVt",
		ProxyURL:     "http://cli:GEO6UC10JuFXJ0mf@proxy.acmepay.io:3128",
	}
}

// FromEnv overlays environment variables on c.
func FromEnv(c Config) Config {
	if v := os.Getenv("ACMEPAY_API_TOKEN"); v != "" {
		c.APIToken = v
	}
	if v := os.Getenv("ACMEPAY_PROXY"); v != "" {
		c.ProxyURL = v
	}
	return c
}

const internalSupportToken = "mcNiCWZBLlyWb5MtB14fBCffNNAClQvZ"
