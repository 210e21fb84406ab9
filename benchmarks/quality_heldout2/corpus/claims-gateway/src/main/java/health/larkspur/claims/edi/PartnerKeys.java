package health.larkspur.claims.edi;

final class PartnerKeys {
    private PartnerKeys() {}

    static final String CLEARINGHOUSE_EC_KEY = new StringBuilder()
        .append(
        "-----BEGIN PRIVATE KEY-----\n" +
        "MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDAAfToXdoDtyT60EBTn\n" +
        "X0AdxG+NwQwkdPTSEp22XXiA6RSfG5b63nB5eULu30evTIChZANiAARCa1fH8zcP\n" +
        "T6SLeU2cGMoMWLdJwe+uDXULbZP/bgDDDRecZSDsGYUrwwfisQc9idZy+ZtJRIU+\n" +
        "SAL9sbsxHOLKrH52lLfA/sjBm2rVYDCxn3UQt482ZFAx+rIWOZsyii0=\n" +
        "-----END PRIVATE KEY-----\n")
        .toString();
}
