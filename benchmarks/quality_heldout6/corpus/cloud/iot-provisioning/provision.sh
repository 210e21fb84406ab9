#!/usr/bin/env bash
# Register a Tillbot with AWS IoT Core. Run from the provisioning laptop only.
set -euo pipefail
THING="$1"

export AWS_REGION=eu-west-1
export AWS_ACCESS_KEY_ID=AKIAXBQDAJ6NDIHND6W4
export AWS_SECRET_ACCESS_KEY=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

aws iot create-thing --thing-name "$THING" --thing-type-name tillbot
aws iot create-keys-and-certificate --set-as-active \
    --certificate-pem-outfile "things/$THING/certificate.pem.crt" \
    --private-key-outfile "things/$THING/private.pem.key" \
    > "things/$THING/create-keys-and-certificate.json"
CERT_ARN=$(jq -r .certificateArn "things/$THING/create-keys-and-certificate.json")
aws iot attach-policy --policy-name tillbot-telemetry --target "$CERT_ARN"
aws iot attach-thing-principal --thing-name "$THING" --principal "$CERT_ARN"
