resource "helm_release" "grafana" {
  name       = "grafana"
  repository = "https://grafana.github.io/helm-charts"
  chart      = "grafana"

  set {
    name  = "adminUser"
    value = "admin"
  }

  set_sensitive {
    name  = "adminPassword"
    value = "Summer2024*"
  }

  set {
    name  = "smtp.password"
    value = "SP0HApugNZ^*LcoP"
  }
}
