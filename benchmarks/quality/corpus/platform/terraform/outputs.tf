output "db_password_secret_arn" {
  value = aws_secretsmanager_secret.ledger_db.arn
}

output "db_endpoint" {
  value = aws_db_instance.ledger.endpoint
}
