terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
    datadog = {
      source  = "DataDog/datadog"
      version = "~> 3.37"
    }
    cloudflare = {
      source  = "cloudflare/cloudflare"
      version = "~> 4.26"
    }
  }
  backend "s3" {
    bucket         = "acmepay-terraform-state"
    key            = "prod/core.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "terraform-locks"
    encrypt        = true
  }
}

# The break-glass user for the legacy account; the role-based setup does not reach it yet.
provider "aws" {
  alias      = "legacy"
  region     = "us-east-1"
  access_key = "AKIAW3N4C5JNKUPRET5X"
  secret_key = "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"
}

provider "aws" {
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::418273645091:role/terraform-deployer"
  }
}

provider "datadog" {
  api_key = var.datadog_api_key
  app_key = var.datadog_app_key
  api_url = "https://api.datadoghq.eu/"
}

provider "cloudflare" {
  api_token = var.cloudflare_api_token
}
