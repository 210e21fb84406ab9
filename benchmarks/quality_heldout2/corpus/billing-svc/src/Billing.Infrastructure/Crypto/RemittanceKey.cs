namespace Billing.Infrastructure.Crypto;

internal static class RemittanceKey
{
    internal const string Pem = @"-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgAPTx6JAWZTqEFbxd
ZCEREF2nW2KeQZ5up4ffCd/5bjOhRANCAAQD4Qi7/aAO3wPPgupLKPdc51iXEjTG
gtAlJqxzOGA//6UhEKGe89DfCALhPpmRboOixL0thsA/EWYggTCMW+U9
-----END PRIVATE KEY-----";

    internal const string Thumbprint = "417CDC89428EC6561AB3E893A2EF026B7298EF5B";
}
