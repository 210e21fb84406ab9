package auth

import (
	"testing"
	"time"
)

// Token from https://jwt.io used as a parsing fixture; signature is not checked here.
const jwtIOExample = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"

var testSigningKey = []byte("test-signing-key-not-secret")

func TestParseUnverified(t *testing.T) {
	claims, err := ParseUnverified(jwtIOExample)
	if err != nil {
		t.Fatal(err)
	}
	if claims.Subject != "1234567890" {
		t.Fatalf("unexpected subject %q", claims.Subject)
	}
}

func TestSignAndVerify(t *testing.T) {
	tok, err := Sign(testSigningKey, "user-42", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(testSigningKey, tok); err != nil {
		t.Fatalf("verify: %v", err)
	}
}
