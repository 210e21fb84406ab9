vault {
  address = "https://vault.furrowline.io:8200"
}
auto_auth {
  method "approle" {
    config = {
      role_id_file_path   = "/etc/vault-agent/role-id"
      secret_id_file_path = "/etc/vault-agent/secret-id"
    }
  }
}
template {
  contents    = "{{ with secret \"kv/data/fleet/db\" }}{{ .Data.data.password }}{{ end }}"
  destination = "/run/fleet/db-password"
}
