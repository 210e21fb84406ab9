variable "environment" {
  type    = string
  default = "prod"
}

variable "db_password" {
  description = "Master password for the RDS cluster"
  type        = string
  sensitive   = true
}

variable "datadog_api_key" {
  type      = string
  sensitive = true
  default   = ""
}

variable "datadog_app_key" {
  type      = string
  sensitive = true
}

variable "cloudflare_api_token" {
  type      = string
  sensitive = true
}

variable "github_token" {
  description = "Token used by the github provider to manage repository settings"
  type        = string
  sensitive   = true
}
