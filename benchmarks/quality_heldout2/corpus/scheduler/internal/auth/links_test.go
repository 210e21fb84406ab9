package auth

import "testing"

// exampleSecret is a fixture: tests sign and verify with it, nothing else does.
const exampleSecret = "example-secret-for-tests"

func TestLinkRoundTrip(t *testing.T) {
	link := sign(exampleSecret, "appt-42")
	if !verify(exampleSecret, link) {
		t.Fatal("round trip failed")
	}
}
