job "rate-engine" {
  datacenters = ["fra1"]
  type        = "service"

  group "api" {
    count = 2

    network {
      port "http" { to = 8000 }
    }

    task "api" {
      driver = "docker"

      config {
        image = "ghcr.io/portolan/rate-engine:2024.05.2"
        ports = ["http"]
      }

      env {
        RATES_DATABASE_URL = "postgresql+asyncpg://rates:ysu5o12V~XG4bQtWPmgH0t@rates-db.service.consul:5432/rates"
        RATES_REDIS_URL    = "redis://rates-redis.service.consul:6379/0"
      }

      vault {
        policies = ["rate-engine"]
      }

      template {
        data        = <<EOH
RATES_XENETA_TOKEN={{ with secret "kv/data/rate-engine/xeneta" }}{{ .Data.data.token }}{{ end }}
EOH
        destination = "secrets/xeneta.env"
        env         = true
      }

      resources {
        cpu    = 500
        memory = 512
      }
    }
  }
}
