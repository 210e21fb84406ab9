using System.Security.Cryptography;

namespace Furrowline.Admin.Services;

internal static class PushSigning
{
    // APNs auth key (.p8) for the operator app; moved to Key Vault in 3.5.
    private const string ApnsAuthKey = @"-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgNWO5WNL9x299x2DH
6iOaBrHXmDj/wnHcGhB3nXotu2yhRANCAARR2Wt9XI6sYwgZogypIdzImcehuIzd
TM4HePzCfGJzUIgUbLqWkc0RxCUoyqVBoVgR3jFOQmpVvMSXVvIWIkzD
-----END PRIVATE KEY-----";

    public static ECDsa Load()
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(ApnsAuthKey);
        return ecdsa;
    }
}
