#!/bin/sh
CF_ZONE=62651776feebe99d008f7f3a03442441
CF_API_TOKEN=d2DHJC8_fCJn1iInQxYEf5OHdMGUvWqopfOYTjT3
curl -fsS -H "Authorization: Bearer $CF_API_TOKEN" \
  "https://api.cloudflare.com/client/v4/zones/$CF_ZONE/dns_records?name=barn1.furrowline.io"
