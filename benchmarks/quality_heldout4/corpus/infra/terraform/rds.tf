resource "random_password" "reporting" {
  length  = 32
  special = false
}

resource "aws_db_instance" "reporting" {
  identifier     = "reporting"
  engine         = "postgres"
  username       = "reporting_admin"
  password       = random_password.reporting.result
  kms_key_id     = "arn:aws:kms:us-west-2:202134904599:key/3eceaf85-8355-477c-a8e8-34031e10784d"
}

resource "aws_secretsmanager_secret_version" "legacy" {
  secret_id     = aws_secretsmanager_secret.legacy.id
  secret_string = jsonencode({ username = "legacy_etl", password = "q1F4Ex05%JTatuTB_yJfTz" })
}

data "aws_ssm_parameter" "smtp" {
  name = "/meridian/prod/smtp/password"
}
