package health.larkspur.claims.security;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

public final class TokenSigner {

    // Signs the payer-portal SSO assertions. Generated 2025-02-11, rotate yearly.
    private static final String PRIVATE_KEY_PEM =
        "-----BEGIN PRIVATE KEY-----\n" +
        "MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQDDfhsHJ2aMrqai\n" +
        "k28DIrc7ZL7RIW+dJyOe0/izvnWskCO1EY637gggS7JRotOoKENrCpDYfxTAPkrn\n" +
        "aAImJmVXuFdIq/SiITlGHZYTf+lfKpOh+wtr39Pf9xrN0QlXi0h8to1RxcT/6VOU\n" +
        "oT7+d4ZvQiTxx1nI6acTMcYc0ef1dg5QQEAIRxVBNLpMWi7rRuYog7zEaTlYp3t/\n" +
        "NLFpa+SW0TjEo3YTGS4Jwcj+l0XgTAW0f7A6ilCh8AW7y6VnQw092z8Ff6GEnY3W\n" +
        "Bz8RJheoOe6+sCoHV40g9TT8jKJ6Fdz2lp17uLXS/q+Y/jcQYO4kNm+w3KO9nPIe\n" +
        "/4p3GlM3AgMBAAECggEAD3aqLKaxNe+avsFqxpS4abpOXbyHV6cA6k9aHN2z8TJ1\n" +
        "oJ0C7QmnGubh9BMtKuAEdTMgwf9LZOmIg0V25g2jdozeWqE/eJOoNCOi+2fizeRQ\n" +
        "ST/SZ3YNDGo/dIhUdNhPo43NH+rE6nlKYzdeBELwH1zcD0P1li7lSF9njGAOORw6\n" +
        "INBt9Xidpfb37KDe0Fs/9pupRmkIxz3nGw/mTwIOAxQyeRzaMDc/ueijkkOZ6Zf3\n" +
        "U+izqwzz/D+xFKvc7I8ohaovjeptCgcDzrNHRI3CbRNBnPND55KHLs9dcynp4aP0\n" +
        "7rwANPpOM6LTzu0v3c7us3X/fE+JXZXk9PF8EL9mAQKBgQDdPi72Ajn6q4392ZHF\n" +
        "QF1/gFz9vlAC+URYQTJjov1xnrZjZLSl/oXiF+ePbdlodXNSr6DnpDlwErDr1cz7\n" +
        "tdqRz4yek64JiElASFgICDPr03E97QuRsKocgiXZ/g/1LHXZOIjBr5w+frE0CfLr\n" +
        "u0+50reDSG5x0B1C8gOdAVc2MwKBgQDiNE/E/dNFUkNI6ag+JnbRO1SUQT5jZWDZ\n" +
        "UWqITFbkflET7WX1XGfXvUqL/WyrxzK6VXYc8fCHnH87qIQdbNxhHl72KwFAD+HX\n" +
        "ivbSTXA/DJojYGoVbtqJ1pXccw/JLVY1YyTTDsCnoOTRmHn4ndFgcnLtFYQJxgd1\n" +
        "wGtJAQxC7QKBgCIxpy5sf6uHckWmp8n1vb2kCDtLe7BJ+E8vnGsb2NIDtqq7+NOi\n" +
        "9+xOx4I6dxyW8oD4FgVXM21n5iI9BBZvL93TVyd3KbHdd3zQ8ZIkOmobXug0R9J3\n" +
        "nIMVdmYvxyWcfoZZH4HX820RRbAGTZ4zcAoHUEehHTjH8o3TO827VFBTAoGAYYYK\n" +
        "KjUAxC9OQP40Ae+VZGm+8lgarMHFeowmcPLwt3xaOkwsnBcl0haTMD2nf3vXPAyi\n" +
        "aqJIgD8Rf8gMhZ8seFaevGUYGeV/Ce2oskyeqyAkyEHGGs17PNgeLjgRQzvfog7H\n" +
        "jpMarmqonFCvrWdlIL7XG64eChStnK/D0Wq5PZUCgYBsethLyHFAqf+8qmmxwTBz\n" +
        "MmyZBGIdyDdtws4lUFOOymJ7sujvEl6m4auHSiTks6P/gFEc9dYrhexvzLmWNqvj\n" +
        "oQvUFKjJsoMBx9eq2oYU8REJ4JA7f7jhsscvxfMwau7+CAL/d1iXt+fE6QppDujW\n" +
        "cFQy7fC91QvM+VOt+OKcCw==\n" +
        "-----END PRIVATE KEY-----\n";

    private static final String HEADER_NAME = "X-Claims-Signature";

    static PrivateKey load() throws Exception {
        String body = PRIVATE_KEY_PEM
            .replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
