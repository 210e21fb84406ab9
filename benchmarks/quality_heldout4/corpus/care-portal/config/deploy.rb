lock "~> 3.19.1"

set :application, "care_portal"
set :repo_url, "https://deploy-bot: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@github.com/meridian-care/care-portal.git"
set :deploy_to, "/srv/care_portal"
set :linked_files, %w[config/master.key .env.production]
set :rbenv_ruby, "3.3.5"
set :ssh_options, { forward_agent: false, auth_methods: %w[publickey password], password: "oGTng6PSX5IIKckIqC" }
set :slack_webhook, "https://hooks.slack.com/services/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"
