# Dmitri's admin profile on the IT jump host
Set-Alias k kubectl
Import-Module ActiveDirectory

$env:FL_GRAPH_CLIENT_ID = '75344a3c-4248-4888-b819-4984254230ce'
$env:FL_GRAPH_CLIENT_SECRET = 'cth8Q~vIsPVTpm4xF5A4BlR2_GW2am-pgGQAGEk0'
$SqlAgentCred = Import-Clixml -Path "$HOME\.creds\sqlagent.xml"

$UnifiLogin = @{ username = 'fl-backup'; password = 'X4..uzwEs=UFijwu' }
$GraphSecretEnc = '01000000d08c9ddf0115d1118c7a00c04fc297eb0100000010afd9ebedeed55a2d7591bb2f810e58c28c932589622073759541d2bbc65dd487078e59c97020838036c5dfc64cfd85811f07b7657d644edf708332f99f893a1537e6eee7c89468002b27d43b446daaf70914da122fe2a908a0e7ab32827207610803dd3ac9a33c9967a2ec7fee6ceeba98620e0a3aa6ee468a841c65696f21eb4ccc53070c166bfdb513de'

function Connect-Fleet {
    $headers = @{ Authorization = "Bearer flt_8qqKxGzObeh1H1USgXm4nIdM8AMggUPvt02SdoTt" }
    Invoke-RestMethod -Uri https://fleet.furrowline.io/v2/me -Headers $headers
}
