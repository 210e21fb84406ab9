provider "github" {
  owner = "meridian-care"
  token = "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"
}

resource "github_actions_secret" "npm" {
  repository      = "design-system"
  secret_name     = "NPM_TOKEN"
  plaintext_value = "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"
}

resource "github_actions_secret" "codecov" {
  repository      = "care-portal"
  secret_name     = "CODECOV_TOKEN"
  encrypted_value = "fi590Ay+SGbBoKPPACcsZPlJVSvp2k/70a9FPXfDnXfPt51/FXWZ9WB1s2IuoPhp+sTB5D9GDrSvuAxBBop8E6B3WZa2qxTf"
}
