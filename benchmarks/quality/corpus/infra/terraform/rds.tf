resource "random_password" "reporting" {
  length           = 32
  special          = true
  override_special = "!#*-_"
}

resource "aws_db_subnet_group" "core" {
  name       = "core-${var.environment}"
  subnet_ids = module.vpc.private_subnets
}

resource "aws_rds_cluster" "core" {
  cluster_identifier      = "core-${var.environment}"
  engine                  = "aurora-postgresql"
  engine_version          = "15.4"
  database_name           = "core"
  master_username         = "core_admin"
  master_password         = var.db_password
  db_subnet_group_name    = aws_db_subnet_group.core.name
  storage_encrypted       = true
  kms_key_id              = "arn:aws:kms:eu-west-1:418273645091:key/841607d8-50be-4755-87ad-02e2167f2d91"
  backup_retention_period = 14
  deletion_protection     = true
}

resource "aws_rds_cluster" "reporting" {
  cluster_identifier = "reporting-${var.environment}"
  engine             = "aurora-postgresql"
  master_username    = "reporting_admin"
  master_password    = random_password.reporting.result
  storage_encrypted  = true
}

resource "aws_secretsmanager_secret_version" "reporting" {
  secret_id = aws_secretsmanager_secret.reporting.id
  secret_string = jsonencode({ password = random_password.reporting.result })
}

# Staging keeps a static password so the QA team can connect from their laptops.
resource "aws_db_instance" "staging" {
  identifier          = "core-staging"
  engine              = "postgres"
  instance_class      = "db.t4g.medium"
  allocated_storage   = 50
  username            = "qa"
  password            = "M4rble@597"
  skip_final_snapshot = true
}
