variable "analytics_db_password" {
  description = "Password for the analytics database master user"
  type        = string
  sensitive   = true
}

variable "grafana_admin_password" {
  type      = string
  sensitive = true
  default   = "CHANGE_ME"
}

variable "cloudflare_api_token" {
  type    = string
  default = "your-api-key-here"
}

variable "min_password_length" {
  default = 14
}
