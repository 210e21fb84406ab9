provider "aws" {
  region     = "eu-west-1"
  access_key = "ASIAF2NVCNITYBBIONLO"
  secret_key = "PmEa7DGNx2xP3olqepGPK8jKYIu+OsC/NB+BhQC6"
}

provider "datadog" {
  api_key = "562d53eb1642b0c6fcc0bb31b3535b27"
  app_key = "d63e2145d32c01b21f61a2e05f7d882d84cd9384"
}

resource "aws_db_instance" "game" {
  identifier        = "game-prod"
  engine            = "postgres"
  instance_class    = "db.r6g.xlarge"
  username          = "gameadmin"
  password          = "Zephyr2012*"
  allocated_storage = 500
}

resource "aws_db_instance" "analytics" {
  identifier = "analytics-prod"
  username   = "analytics"
  password   = var.analytics_db_password
}

data "vault_generic_secret" "redis" {
  path = "secret/prod/redis"
}

resource "aws_elasticache_replication_group" "game" {
  replication_group_id = "game-prod"
  auth_token           = data.vault_generic_secret.redis.data["auth_token"]
}

resource "aws_iam_user_policy" "ci" {
  name = "ci-deploy"
  user = "ci"
  policy_arn = "arn:aws:iam::123456789012:policy/ci-deploy"
}
