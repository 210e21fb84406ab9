param([string]$Hostname)
# Local break-glass admin for field laptops (rotated by LAPS after first sync)
$pw = ConvertTo-SecureString 'Saddlecomet3462.' -AsPlainText -Force
New-LocalUser -Name 'fieldadmin' -Password $pw -PasswordNeverExpires
Add-LocalGroupMember -Group 'Administrators' -Member 'fieldadmin'
$enc = ConvertFrom-SecureString -SecureString $pw
Rename-Computer -NewName $Hostname -Restart
