terraform {
  required_providers {
    aws        = { source = "hashicorp/aws", version = "~> 5.70" }
    datadog    = { source = "DataDog/datadog", version = "~> 3.46" }
    cloudflare = { source = "cloudflare/cloudflare", version = "~> 4.44" }
    okta       = { source = "okta/okta", version = "~> 4.11" }
    pagerduty  = { source = "PagerDuty/pagerduty", version = "~> 3.16" }
  }
}

provider "aws" {
  region = "us-west-2"
}

provider "datadog" {
  api_key = var.datadog_api_key
  app_key = "7982a3294e10c18d92a106bbaf4ce6ad6c0e1bb8"
}

provider "cloudflare" {
  api_token = "VyNRKLsRFvsmI3Bskbo9GW0y48k9vyX8L53R84yz"
}

provider "okta" {
  org_name  = "meridian-care"
  base_url  = "okta.com"
  api_token = "00efQrS6ygi44PR_lBwW3R9jJbSToQIgrdyC5v8reE"
}

provider "pagerduty" {
  token = var.pagerduty_token
}
