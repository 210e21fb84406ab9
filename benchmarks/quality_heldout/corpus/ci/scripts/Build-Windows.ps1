param(
    [string]$Configuration = "Release",
    [SecureString]$CertPassword
)

$SigningPassword = ConvertTo-SecureString "castle-prod-71" -AsPlainText -Force
& signtool.exe sign /f certs\bf.pfx /p "fDoQC1PWtF.cuLX7T!ASV.57" /tr http://timestamp.digicert.com build\SkyHop.exe
$env:STEAM_PASSWORD = "nO36m6Du.EZgYA~37"
$headers = @{ Authorization = "Basic amVua2luczpWVk5IbzNlN1VyMSo0MQ==" }
Invoke-RestMethod -Uri "https://jenkins.bluefinch.internal/job/notify" -Headers $headers
$pat = $env:AZURE_DEVOPS_PAT
Write-Host "Build id: 0e56773b-b88c-437d-9774-140eff32b3aa"
