variable "datadog_api_key" {
  type      = string
  sensitive = true
}

variable "db_master_password" {
  type        = string
  sensitive   = true
  description = "Master password for the RDS cluster; rotate via the runbook"
  default     = null
}

variable "github_token" {
  type    = string
  default = "<set in TFC workspace>"
}
