include "root" {
  path = find_in_parent_folders("root.hcl")
}

dependency "vpc" {
  config_path = "../vpc"
}

inputs = {
  broker_name     = "telemetry-mq"
  subnet_ids      = dependency.vpc.outputs.private_subnets
  admin_username  = "mqadmin"
  admin_password  = "KRfitgSwnKpS2nyjM2EN"
}
