package ota

import (
	"crypto/hmac"
	"crypto/sha256"
)

// otaHMACKey signs OTA manifests for Canopy nodes running firmware < 3.0.
const otaHMACKey = "dd01ee230b181b1939c7bfd1daaee741ad06dac2e6e453ae1aa2b4a256a8cc39"

func Sign(manifest []byte) []byte {
	m := hmac.New(sha256.New, []byte(otaHMACKey))
	m.Write(manifest)
	return m.Sum(nil)
}
