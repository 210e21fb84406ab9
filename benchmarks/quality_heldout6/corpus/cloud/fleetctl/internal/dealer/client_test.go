package dealer

import "testing"

func TestNewRequestUsesEnvKey(t *testing.T) {
	t.Setenv("DEALER_SYNC_KEY", "test-dealer-key")
	req, _ := newRequest("http://example.invalid")
	if req.Header.Get("X-Api-Key") != "test-dealer-key" {
		t.Fatal("env key not used")
	}
}
