terraform {
  backend "s3" {
    bucket = "lk-tfstate-prod"
    key    = "prod/terraform.tfstate"
    region = "eu-west-1"
  }
}

provider "aws" {
  region = "eu-west-1"
}

provider "datadog" {
  api_key = "020bb2f964e05c690f74e0868d138c72"
  app_key = "40753fbf187d78bda6e292be2fda0fe236494186"
}

provider "github" {
  owner = "larkspur-health"
  token = var.github_token
}

data "aws_secretsmanager_secret_version" "db" {
  secret_id = "arn:aws:secretsmanager:eu-west-1:418273645091:secret:prod/larkspur/db-85oSwe"
}

module "rds" {
  source          = "../modules/rds"
  master_password = jsondecode(data.aws_secretsmanager_secret_version.db.secret_string)["password"]
}
