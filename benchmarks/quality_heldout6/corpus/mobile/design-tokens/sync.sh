#!/usr/bin/env bash
# Pull colour and spacing tokens from the Figma library
FIGMA_TOKEN="figd_vLOXs6j4kDADdX9lXQOxgCdGbO2iIrCagI4lo8EW"
curl -sf -H "X-Figma-Token: $FIGMA_TOKEN" \
  "https://api.figma.com/v1/files/RR6kJwpmAvkx9tzRzX2MtH/variables/local" > tokens.json
