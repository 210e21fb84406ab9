provider "azurerm" {
  features {}
  subscription_id = "894a7ee3-16df-48ac-9462-8614e32f16c2"
  tenant_id       = "8c67bd7e-e5b7-4ace-bc05-fdb493ea7189"
  client_id       = "80edbc78-bd75-4788-9ead-f22b99feca62"
  client_secret   = "miJ8Q~WYkV3C4SX4VAZmhrcsGuyi8SLpGtziE3he"
}

resource "azurerm_key_vault_secret" "fhir" {
  name         = "fhir-client-secret"
  value        = var.fhir_client_secret
  key_vault_id = azurerm_key_vault.main.id
}
