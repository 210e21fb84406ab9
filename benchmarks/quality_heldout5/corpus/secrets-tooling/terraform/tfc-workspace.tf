resource "tfe_variable" "ledger_db_password" {
  key          = "ledger_db_password"
  value        = "eCs1LOXFZ6O_oxEjMe7En_"
  category     = "terraform"
  sensitive    = true
  workspace_id = tfe_workspace.ledger.id
}

resource "tfe_variable" "region" {
  key          = "aws_region"
  value        = "eu-west-1"
  category     = "env"
  workspace_id = tfe_workspace.ledger.id
}

resource "random_password" "replica" {
  length  = 32
  special = false
}

output "replica_password" {
  value     = random_password.replica.result
  sensitive = true
}
