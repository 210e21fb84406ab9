package webhook

import (
	"crypto/ed25519"
	"crypto/x509"
	"encoding/pem"
)

const webhookKey = `
-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEICTpxVuEVQRljJlrwA7X6YsoEcG74dTiul7BShF+jm1m
-----END PRIVATE KEY-----
`

func signer() (ed25519.PrivateKey, error) {
	block, _ := pem.Decode([]byte(webhookKey))
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, err
	}
	return k.(ed25519.PrivateKey), nil
}
