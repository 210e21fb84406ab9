job "payouts" {
  datacenters = ["eu1"]
  type        = "service"

  group "api" {
    count = 3

    task "payouts" {
      driver = "docker"

      config {
        image = "registry.quillmint.io/payouts:2026.03.1"
        auth {
          username = "nomad-pull"
          password = "TzMW-n72LqMdmXx5g.E848aW"
        }
      }

      env {
        PAYOUTS_BANK_API_KEY = "kAzmbyAPwBlRMpGkAfCrOjvH5DVb7SWdjwJO"
        RUST_LOG             = "info"
      }

      template {
        destination = "secrets/db.env"
        env         = true
        data        = <<EOH
DB_PASSWORD={{ with secret "kv/data/payouts/db" }}{{ .Data.data.password }}{{ end }}
EOH
      }
    }
  }
}
