datacenter = "fra1"
data_dir   = "/opt/consul"
encrypt    = "LNqahxCrQLR2q5xS9tYXMhcX/kK/qqc/5qovXUcy2OQ="

tls {
  defaults {
    ca_file   = "/etc/consul.d/tls/consul-agent-ca.pem"
    cert_file = "/etc/consul.d/tls/fra1-server-consul-0.pem"
    key_file  = "/etc/consul.d/tls/fra1-server-consul-0-key.pem"
    verify_incoming = true
    verify_outgoing = true
  }
}

acl {
  enabled        = true
  default_policy = "deny"
  tokens {
    agent = "e3f42fc4-c9d5-4e7b-a3a6-0b96f620363d"
  }
}

server           = true
bootstrap_expect = 3
retry_join       = ["10.20.1.11", "10.20.1.12", "10.20.1.13"]
ui_config { enabled = true }
