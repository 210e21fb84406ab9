variable "master_password" {
  description = "Master password for the RDS instance (from Secrets Manager, never a literal)."
  type        = string
  sensitive   = true
}

variable "password_rotation_days" {
  type    = number
  default = 30
}
