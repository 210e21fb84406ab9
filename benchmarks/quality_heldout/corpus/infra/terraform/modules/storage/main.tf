resource "azurerm_storage_account" "assets" {
  name                     = "bfassets"
  resource_group_name      = var.resource_group
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}

locals {
  legacy_connection_string = join(";", [
    "DefaultEndpointsProtocol=https",
    "AccountName=bfassets",
    "AccountKey=C9q3N7h50DV0pcF3vBdsUpQUO/3rFrsuyFECmWOLPl1Yh7CDLwTcPuJt5L1AelY6QBnzM+CUCpMlEomyH04WGA==",
    "EndpointSuffix=core.windows.net",
  ])
}

output "primary_key" {
  value     = azurerm_storage_account.assets.primary_access_key
  sensitive = true
}
