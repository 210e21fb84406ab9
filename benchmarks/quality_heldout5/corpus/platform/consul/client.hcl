datacenter = "eu1"
data_dir   = "/opt/consul"
retry_join = ["provider=aws tag_key=consul tag_value=eu1"]
encrypt    = "uQ1JdxxXNI4/FsDCiDbSWGZ1HTq1sGzK8252isEiOl0="
