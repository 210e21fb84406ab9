remote_state {
  backend = "s3"
  config = {
    bucket         = get_env("TG_STATE_BUCKET")
    key            = "${path_relative_to_include()}/terraform.tfstate"
    region         = "eu-west-1"
    encrypt        = true
    dynamodb_table = "furrowline-tf-locks"
  }
}
