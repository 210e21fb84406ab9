environment            = "prod"
pagerduty_token        = "VOq0Yat9Vz3dvUaCA8Fl"
grafana_admin_password = "biscuit-onyx-zephyr-crystal"
alert_email            = "oncall@larkspur.health"
github_token           = "" # set TF_VAR_github_token in CI
