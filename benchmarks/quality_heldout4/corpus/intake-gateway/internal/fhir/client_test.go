package fhir

import "testing"

func TestBasicAuthHeader(t *testing.T) {
	// fixture credentials, accepted only by the local stub server
	user, pass := "test-user", "test-password"
	got := basicHeader(user, pass)
	want := "Basic dGVzdC11c2VyOnRlc3QtcGFzc3dvcmQ="
	if got != want {
		t.Fatalf("got %q", got)
	}
}
