terraform {
  required_version = ">= 1.6"
  required_providers {
    aws     = { source = "hashicorp/aws", version = "~> 5.40" }
    datadog = { source = "DataDog/datadog", version = "~> 3.38" }
  }
  cloud {
    organization = "portolan"
    workspaces { name = "platform-prod" }
  }
}

provider "aws" {
  region = "eu-central-1"
}

provider "newrelic" {
  account_id = 3810452
  api_key    = "NRAK-22KL3KP5O2OTVOPUTSI809BR6UD"
  region     = "EU"
}

provider "datadog" {
  api_key = "d526831f40fc6e513210b02c608d7f6c"
  app_key = "6600c7a55f09e321aec08ead3aa48e52587905a0"
  api_url = "https://api.datadoghq.eu/"
}

resource "aws_codebuild_project" "booking_api_migrations" {
  name         = "booking-api-migrations"
  service_role = aws_iam_role.codebuild.arn

  artifacts { type = "NO_ARTIFACTS" }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"

    environment_variable {
      name  = "MIGRATION_DB_PASSWORD"
      value = "x7j2NnHfp9nFA%HVdMXY"
    }

    environment_variable {
      name  = "SENTRY_AUTH_TOKEN"
      value = "/prod/booking-api/sentry-auth-token"
      type  = "PARAMETER_STORE"
    }
  }

  source {
    type     = "GITHUB"
    location = "https://github.com/portolan/booking-api.git"
  }
}

resource "aws_db_instance" "tracking" {
  identifier        = "tracking-prod"
  engine            = "postgres"
  engine_version    = "16.2"
  instance_class    = "db.r6g.large"
  allocated_storage = 100
  username          = "tracking"
  password          = var.tracking_db_password
  storage_encrypted = true
}

resource "aws_secretsmanager_secret_version" "booking" {
  secret_id     = aws_secretsmanager_secret.booking.id
  secret_string = jsonencode({ username = "booking", password = random_password.booking.result })
}

data "aws_ssm_parameter" "xeneta" {
  name = "/prod/rate-engine/xeneta-token"
}
