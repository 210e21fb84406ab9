datacenter = "eu1"
data_dir   = "/opt/consul"
server     = true
bootstrap_expect = 3
encrypt    = "uQ1JdxxXNI4/FsDCiDbSWGZ1HTq1sGzK8252isEiOl0="

acl {
  enabled        = true
  default_policy = "deny"
  tokens {
    initial_management = "c891b603-3f17-4c6c-a2fb-16f733fcb434"
    agent              = "c40ee632-2f0d-4ac8-bed9-94f49c4679a6"
  }
}

tls {
  defaults {
    ca_file   = "/etc/consul.d/ca.pem"
    key_file  = "/etc/consul.d/server-key.pem"
  }
}
node_id = "68c7eda6-5c9f-4c63-a37d-2e7d757965c4"
