include "root" {
  path = find_in_parent_folders("root.hcl")
}

inputs = {
  name            = "field-bastion"
  authorized_keys = ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGIyuB/efi4Jloa04GWOrzam7/c1Z3T1XMRYppK2l9vA"]
  deploy_key      = <<-EOT
    -----BEGIN OPENSSH PRIVATE KEY-----
    b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
    QyNTUxOQAAACBiMrgf3n4uCZaGtOBljq82pu/3NWd09VzEWKaStpfbwAAAAIgVOCrjFTgq
    4wAAAAtzc2gtZWQyNTUxOQAAACBiMrgf3n4uCZaGtOBljq82pu/3NWd09VzEWKaStpfbwA
    AAAEC2rxcmmbDLH0gufkRJT4PAgpcyGdC8k1dqSZh60W0AWmIyuB/efi4Jloa04GWOrzam
    7/c1Z3T1XMRYppK2l9vAAAAAAAECAwQF
    -----END OPENSSH PRIVATE KEY-----
    EOT
}
