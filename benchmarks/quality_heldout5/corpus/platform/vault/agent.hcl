auto_auth {
  method "approle" {
    config = {
      role_id_file_path   = "/etc/vault-agent/role-id"
      secret_id_file_path = "/etc/vault-agent/secret-id"
    }
  }
  sink "file" {
    config = { path = "/run/vault-agent/token" }
  }
}
