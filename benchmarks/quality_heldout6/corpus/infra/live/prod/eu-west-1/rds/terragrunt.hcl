include "root" {
  path = find_in_parent_folders("root.hcl")
}

terraform {
  source = "tfr:///terraform-aws-modules/rds/aws?version=6.5.4"
}

inputs = {
  identifier          = "fleet-timescale"
  engine              = "postgres"
  instance_class      = "db.r6g.large"
  username            = "fleet_admin"
  password            = "JMLmpfwtTU-QPz-_ZBrQa0-n"
  manage_master_user_password = false
}
