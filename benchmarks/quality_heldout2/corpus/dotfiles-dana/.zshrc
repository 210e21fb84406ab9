export PATH="$HOME/.local/bin:$PATH"
export EDITOR=nvim
export GITHUB_TOKEN=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
export HOMEBREW_GITHUB_API_TOKEN="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"
export PGPASSWORD="$(pass show db/prod-readonly)"
export VAULT_ADDR=https://vault.larkspur.internal:8200
alias k=kubectl
alias tf=terraform
