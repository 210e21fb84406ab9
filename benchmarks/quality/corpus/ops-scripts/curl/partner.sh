#!/bin/sh
curl -sf -H "X-Api-Key: LYIfr8qJPFH1mWWD14PksYmFhTQoZBlvWxwnTvnG" https://partners.acmepay.io/v1/orders
curl --header 'PRIVATE-TOKEN: glpat-QGbBd6vJ31Y3oKnXEf7x' https://gitlab.acmepay.io/api/v4/projects
curl -sf -H "X-Api-Key: $PARTNER_KEY" https://partners.acmepay.io/v1/ping
