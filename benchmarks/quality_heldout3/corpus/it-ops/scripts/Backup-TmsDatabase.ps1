<#
.SYNOPSIS
  Nightly backup of the TMS SQL Server database to the NAS.
#>
param(
    [string]$SqlInstance = "tms-sql01.corp.portolan.io",
    [string]$Target = "\\nas01\backups\tms"
)

$ErrorActionPreference = "Stop"
$securePass = ConvertTo-SecureString "stanza signal raven noodle" -AsPlainText -Force
$credential = New-Object System.Management.Automation.PSCredential ("CORP\svc-backup", $securePass)

New-PSDrive -Name B -PSProvider FileSystem -Root $Target -Credential $credential | Out-Null

Invoke-Sqlcmd -ServerInstance $SqlInstance -Username "backup_op" -Password "fDNb5cjxx%WzT82" -Query @"
BACKUP DATABASE [TMS_PROD] TO DISK = N'B:\TMS_PROD_$(Get-Date -Format yyyyMMdd).bak' WITH COMPRESSION
"@

$apiKey = Read-Host "Enter the Veeam API key" -AsSecureString
Write-Host "Backup finished"
