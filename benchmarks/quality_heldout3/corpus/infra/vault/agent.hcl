pid_file = "/run/vault-agent.pid"

vault {
  address = "https://vault.internal.portolan.io:8200"
}

auto_auth {
  method "approle" {
    config = {
      role_id_file_path                   = "/etc/vault-agent/role-id"
      secret_id_file_path                 = "/etc/vault-agent/secret-id"
      remove_secret_id_file_after_reading = false
    }
  }

  sink "file" {
    config = {
      path = "/run/vault-agent/token"
    }
  }
}

template {
  contents    = "{{ with secret \"kv/data/booking\" }}DB_PASSWORD={{ .Data.data.db_password }}{{ end }}"
  destination = "/etc/portolan/booking.env"
  perms       = "0600"
}
