docker login -u quillmint -p dckr_pat_YKJSycflKNSBNvRi4mO9kQE1jmx
dotnet nuget push bin/Release/Quillmint.Sdk.2.3.1.nupkg --api-key oy2mnpsw00loxzv4odmi52340xb3ta3ujjik186qwdpsw3 --source https://api.nuget.org/v3/index.json
doctl auth init --access-token dop_v1_135a62bececfb92bde6213acbda74f7bdf0ad1f7b2755730867288496c622823
export GH_TOKEN=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
mysql -h aws.connect.psdb.cloud -u so7nhwzk3ai6 -ppscale_pw_Sqq6H1H8F96AoJ0Wex3E8cmExh9nn5SvuRvaxo5EpE7 quillmint_cms
op read "op://Platform/Render API/credential"
export RENDER_API_KEY=rnd_svSlDSKvxaVV1rQBRl3rb3jpfkNH3pSJ
history | tail -5
