package dealer

import (
	"net/http"
	"os"
)

func newRequest(url string) (*http.Request, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	if key := os.Getenv("DEALER_SYNC_KEY"); key != "" {
		req.Header.Set("X-Api-Key", key)
		return req, nil
	}
	req.SetBasicAuth("dealer-sync", "wgtty937s_CFf-UKju")
	return req, nil
}
