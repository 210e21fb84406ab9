param([string]$Backup = "billing-latest.bacpac")

# Service account for the restore job on the reporting VM.
$SqlPassword = ConvertTo-SecureString "wep*LV-IGgaav*3*c!6E" -AsPlainText -Force
$Cred = New-Object System.Management.Automation.PSCredential("lk_restore", $SqlPassword)

# The vendor password is kept DPAPI-protected for this machine account only.
$VendorSecure = "01000000d08c9ddf0115d1118c7a00c04fc297eb01000000723dbfd52ef7104e534ca73dc48b476905f4ff27b45d012ba116b0dc7effc4e126954a94ecbbf73efe1efa831875273b510c2c95d88b1e84173de1d5986c2117bc44755be7b4dc10a4442aad5a635277e01378f7c60b16b11609f5f9efdf1e38fe2563e4e8bc5708656d18e803984fe836894f9ee67f7ce352d70ac4c88f7cab3fef" | ConvertTo-SecureString

$Server = "reporting01"
Invoke-Sqlcmd -ServerInstance $Server -Credential $Cred -Q "RESTORE DATABASE billing FROM '$Backup'"
Invoke-Sqlcmd -ServerInstance $Server -Username sa -Password $env:REPORTING_SA_PASSWORD -Q "SELECT 1"
