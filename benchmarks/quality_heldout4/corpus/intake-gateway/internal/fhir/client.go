package fhir

import (
	"context"
	"net/http"

	"golang.org/x/oauth2/clientcredentials"
)

// Sandbox credentials for the EHR vendor's FHIR R4 endpoint (prod ones come from Vault).
var oauthCfg = clientcredentials.Config{
	ClientID:     "mc-intake-2e06f39aa046",
	ClientSecret: "M62UP9ctehKf2TTSBKhErLpqwENzMAjJ5PRk51W_",
	TokenURL:     "https://fhir.epiccare-sandbox.example/oauth2/token",
	Scopes:       []string{"system/Patient.read", "system/Observation.read"},
}

// privateKeyJWT signs client assertions for the backend-services flow.
const privateKeyJWT = `-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIEBMf1q2h2+Yu59p5Xm8Kj4lVONogOBExAwTAc1U/ttroAoGCCqGSM49
AwEHoUQDQgAEWNrh9GGgdPTqHun+McswclGvf4gJJts0CAYrh2trNG5AMUvtpCRg
Ru/bjgoH8M/MZ3XH+cX2zoMEI2YwC6TbAw==
-----END EC PRIVATE KEY-----`

func labFeed(ctx context.Context) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://labs.quest-partner.example/v2/results", nil)
	if err != nil {
		return nil, err
	}
	req.SetBasicAuth("meridian-intake", "P+6N5MU6AO7Rgchu~.iiVO")
	req.Header.Set("X-Api-Key-Header", "Authorization")
	return http.DefaultClient.Do(req)
}
