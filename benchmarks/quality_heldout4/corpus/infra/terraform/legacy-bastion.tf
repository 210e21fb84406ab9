locals {
  # imported from the old Chef server, to be removed with the bastion
  legacy_deploy_key = <<-EOT
    -----BEGIN RSA PRIVATE KEY-----
    MIIEowIBAAKCAQEA6gMFfWz14P2QnvvX8kTtxctSf+1e+qkxzOOBVIetO+6xiC8c
    uzEY+YGwhp9nY7I6sPsiyX7X9m+6vO5Boaf6FKcvDJkitqp1KaMnLK1dKBBfaWii
    kSDQZNI7AsetVbwiwJ/Ij7+F7IOrXCWzIxaj3ByRdWeHVhCYMpsA4nsZPWBKLA7n
    mw00eS+wi6eLNNPF2XELnZ0ig2dztsqtvMR51GreTva/abCwY44U+c7kb5Z4fhV8
    Ti45X6eeAakuWv1qTgFCF2mGhi2gM8cZM7oUe9ERta3IgE9ZhmUWtCBbW4HTcihu
    0SO+SA0JJAzZmA49uhmW249dx81/GMYzRORNWwIDAQABAoIBACprcctSvR+T12t6
    a6LXK+L3AHWAKf92PDjP5NnV3mlG05fEMokcVVKlV8KPksZXwJvkamHsRGm/xzII
    Xo1XTdYAmF7IQ6qpK6Pol2lZ49EnZqRM+2sjb6NXGKtgVuN7vzD7xfeI2FYPaDjD
    /L0XlYyJATUvFzFawLwrrPVhKyocuY4CY70x5YxJvAJIRkqPkPB2BH9cYFYkX4f+
    bcaLWPxe6+lozbWl0+GloycxiFoj46/ysxgmW9d1jS78oF+l8RrN+bkRvaav14Vh
    ybfkKwfp0SAdr5+XdDq/ASVj3AkdXMEEaE1zLk79GCqnW5tEVmlgCyj6m1d/1+KA
    HqDdWgECgYEA/FrhXa3ORTIYeeIRXdmVAROqbv3xcI8kLJj0L+Ier3F3NFDYKbKa
    zPzwfu78Pt9k3tWnE5hKamslI6557cbqMC/ILjxgqUw/nN0Cy5B0wvRDHy8Dr3kv
    KNvQmwqp7BbI7X9BmuhGbi2rmTJW7XBvXSB34siWfWvsJyt0n78wBnsCgYEA7WRQ
    fxM5A6it4GFvYH7NxwNXfEVRtroQ0UeZr5FbgBeefzuPsSidWrTZITrRn0cuXyKE
    wRXhTxac7QoNThrru71b+aw9/O/bFrTdJZti6BxlPaWMR6HHq+DQN/17OxlsDtcf
    K8nueJFt3htwfI++5+PK+rtyJXEwI6RluLzIjqECgYAgd9DnLKWNYZSkmeGCIax6
    Jv2WqjWWNdSBqGxCfOVVzVN4963YL5KbLTAEJNtve26O/Q4yBzYL2x08KgamASHA
    cWVgDYSiQ50roYPqjPt42dSI/pOK0ByxNRbx271hEs1nQSg/tgLZyiZ533AvvHeX
    k8XY99Xk7S3FHGI063RSYQKBgEWXPrHB5NjZvf8lEQ1sns5UgHUBrS6v5PY00yzQ
    o84tHl2WDE2W5moM0goXwBO9Pi7NY7VmwKH6sw4aAESBR9HFdQ0AHTvk5IkHhDze
    DGSWzmb//NuS5YHRabjAKjvs++xty8l+bNYTa+3MhXE+gmxgLsTJ5nBref042EkL
    ro+BAoGBAPat0apzHrOSsnlnp07SH4hrjA/BkXuUCr+CTEQlC9ToipHwti3M2T1i
    lZLTfSHhdmpQdr+K8pOs+9mHELHNyaCrtluDyS0Jz6xMn11pCGhg4MVEtqAH8MG9
    AtHwM2pOVvpIG0p4b54qyrIHFoQj7xjs+Xbur+c+FVkbIAzjdgOu
    -----END RSA PRIVATE KEY-----
  EOT
}

resource "aws_key_pair" "legacy" {
  key_name   = "legacy-deploy"
  public_key = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDqAwV9bPXg/ZCe+9fyRO3Fy1J/7V76qTHM44FUh6077rGILxy7MRj5gbCGn2djsjqw+yLJftf2b7q87kGhp/oUpy8MmSK2qnUpoycsrV0oEF9paKKRINBk0jsCx61VvCLAn8iPv4Xsg6tcJbMjFqPcHJF1Z4dWEJgymwDiexk9YEosDuebDTR5L7CLp4s008XZcQudnSKDZ3O2yq28xHnUat5O9r9psLBjjhT5zuRvlnh+FXxOLjlfp54BqS5a/WpOAUIXaYaGLaAzxxkzuhR70RG1rciAT1mGZRa0IFtbgdNyKG7RI75IDQkkDNmYDj26GZbbj13HzX8YxjNE5E1b meridian"
}
