param([string]$Version = "1.0.0")
$ErrorActionPreference = "Stop"
dotnet pack src/Claims.Contracts -c Release -p:Version=$Version -o out
dotnet nuget push "out/*.nupkg" --source https://api.nuget.org/v3/index.json --api-key oy2ka5n4gcp3d3n4bstzrdplyvgyh2v8z55p6zx30o9izt
$cred = Get-Secret -Name ClaimsSqlAdmin -Vault MeridianVault
$sa = ConvertTo-SecureString "pdQ93GSrzhX9pdiA5r" -AsPlainText -Force
Invoke-Sqlcmd -ServerInstance sql-claims-prd -Username sa -Password "IuhGhCcX*kgVPgj~1t4j" -InputFile migrate.sql
