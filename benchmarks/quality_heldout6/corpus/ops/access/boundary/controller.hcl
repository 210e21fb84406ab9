controller {
  name = "controller-1"
  database {
    url = "env://BOUNDARY_PG_URL"
  }
}

kms "awskms" {
  purpose    = "root"
  region     = "eu-west-1"
  kms_key_id = "8d1b41e2-4e0f-4a73-82f5-a20998b9c555"
}
