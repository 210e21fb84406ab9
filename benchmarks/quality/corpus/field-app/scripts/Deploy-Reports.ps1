param([string]$Environment = "prod")

$ErrorActionPreference = "Stop"
$secure = ConvertTo-SecureString "maple#elpam11" -AsPlainText -Force
$cred = New-Object System.Management.Automation.PSCredential ("CORP\svc-reports", $secure)
Invoke-Command -ComputerName rpt01 -Credential $cred -ScriptBlock { Restart-Service ReportServer }

$apiKey = $env:REPORTS_API_KEY
$headers = @{ "Authorization" = "Token 102ccaac0cc387c45b049de90d4f2bd7555e0e03" }
