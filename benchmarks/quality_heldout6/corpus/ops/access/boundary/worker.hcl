disable_mlock = true

worker {
  name = "packhouse-worker"
  public_addr = "boundary-packhouse.furrowline.io"
  initial_upstreams = ["boundary.furrowline.io:9201"]
}

kms "aead" {
  purpose   = "worker-auth"
  aead_type = "aes-gcm"
  key       = "b6DfTIFRvXSa7vkwtMqcPYBpRkBV5v+7oaxZD+M/a74="
  key_id    = "global_worker-auth"
}
