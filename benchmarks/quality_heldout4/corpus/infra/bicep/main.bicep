param location string = resourceGroup().location
@secure()
param sqlAdminPassword string
@secure()
param storageSas string = ''

param apimSubscriptionKey string = 'c67d504de5c459e2a5bf4d490ec05a83'

resource sql 'Microsoft.Sql/servers@2023-05-01-preview' = {
  name: 'sql-meridian-claims'
  location: location
  properties: {
    administratorLogin: 'mcadmin'
    administratorLoginPassword: sqlAdminPassword
  }
}

output storageConnection string = 'DefaultEndpointsProtocol=https;AccountName=stmeridianfax;AccountKey=JPXwFluOCY3DHvUYIz7ykuRG5Yo+rH3EEFVVrApw0I31TfbcyOG/BkEWy9eG1swK7AYKDGP0TOcRAOnGZ0R/bA==;EndpointSuffix=core.windows.net'
