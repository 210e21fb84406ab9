#!/bin/sh
az storage blob upload-batch \
  --account-name stledgerreports \
  --account-key "5aSvE/wygraGLGQm6X2p7j+DetxDjjzpsolCVrUq2Ymi0zcfXaiJsqhe2N8kuIf/eQxAJ4krFbd0BsHbKXK+bw==" \
  --destination reports --source ./out
azcopy copy ./out "https://stledgerreports.blob.core.windows.net/reports?$SAS_TOKEN" --recursive
