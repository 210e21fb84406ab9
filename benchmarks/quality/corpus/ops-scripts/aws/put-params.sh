#!/usr/bin/env bash
set -euo pipefail
aws ssm put-parameter --name /ledger/prod/api-url --type String --value https://ledger.internal --overwrite
aws ssm put-parameter --name /ledger/prod/db-password --type SecureString \
  --value 'K0kUA5kSJP2fv=VL^m43w-' --overwrite
aws cloudformation deploy --stack-name ledger --template-file stack.yml \
  --parameter-overrides Env=prod DbMasterPassword=rx#*-Q8y!_kr#1R.K4sY
aws configure set aws_access_key_id AKIAY4EFUAHUKE54OM6W --profile ledger
aws configure set aws_secret_access_key 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 --profile ledger
