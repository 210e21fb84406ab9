package io.portolan.driver.push;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

public final class PushSigner {
    private static final String KEY_PEM = """
            -----BEGIN PRIVATE KEY-----
            MIIG/gIBADANBgkqhkiG9w0BAQEFAASCBugwggbkAgEAAoIBgQDwlC+J8mfKJJvA
            92Dr9C9x0OOjbiZXKFIVbICCgZFXi9Cg6H8/kO6UflVlP0Aja0i95MBba9JW7zCC
            oUKyeo1Y+pLob6LUgszrD5WlcpVr+qGXBsDjKbCF0W4OydEN6FgjtfYjmoqocN6R
            ZS7kDNqgDgyRbhCIBHH8se6lPZAdWjqKsbnJDpyFNAYFCJI0b7QS3IWG24czFVlB
            vbK1O5I/pBQasCfsF03zgNykrLGOgs/OMd8yrhOIUMfAkAKyrN6c88irhAnZyZCY
            Lg5TeRnhz6Lfks6oMB7b/4M9isTnARw3sGweiMIiFB5/Xf1lKiccZ9F0DIutDkjT
            VmUY1gGrxjxw75JX22qhnqwbXhGr3ZoMLj/TM3hBjPuyig6Xl7c0Mm6TTry7AFqE
            byHSOmoFZ6v1MA2BlcuR5KXZx3ehiCpcdLbURRoF4VtI+4AbajCcU8+VYlrDXKzH
            eDYAtSucHS+bBsA6wJZ4edqlu6li/3PBrriCouDDKAtHgPYIuHcCAwEAAQKCAYAF
            70Hfn0aG1VxaPZVQfMI8MTD3CR09AoDz3QIBNiewXIHrAOaSr4U9zdgBcAv+/liE
            XAOQExrUi4Cg2FAy4um1tjNa3yt0c+g7gYjpfz1xtR8OALFQE+kyLou5Jaqt3dC+
            y3BPnzJTHBBWzy4sRfzmpzIRgauQD2atxciN9EonzzVT0oqItn7knPdBDIhpbrqn
            HyApcXo7p7J/TVSpOoJNu5hwssO+rocnve1eH+ceuC9ey3Amvzs6yPNZ1rOaVhVO
            KP+l5t3CQyhpYLYnKcg4/Wk81p2pEM3iQ+82wG4WL3a6NXTk6op469bY/pNuXlbk
            aYpK9cdU7qMaeSORGtWaqIgYYcyMzrAypcbJ0X+UXV414VVp6xsRhGF13xxtzq/E
            /tUgU/Yu67p/En9Ju7dS6yaQd+QZm74c8JFWJHzrgkHagrbJiPMF3ipoNlt0zIVz
            OWvSZw8SzD6erpn59rnfXlHl7Twt+MUNr74/TYfDlmYARw7N+Qsa+c5qXKW4LaEC
            gcEA/tODD/4O6YqmRK0Z5pH3rze+5zwMWcgInFJ710pBqeKPu7T033sblDF+R7Sg
            UZQnjWavJc/sPFPDs7uoYnS7Xnyulbv9EjMr0o5eFK+6vQAhUy7+FZWnDxTh5Wn4
            hjiWHRYSeVVeL0nBxsHBAQV982YK7HLfzTWSB9HSdCTSsvyPzafRYrkHkNAWrVdQ
            ETHB73niXCK96uXjZXGP4T0bcuNXm0b9BMHdloRaLC7msdmz6iYLFRcWmSmENZNX
            gbh/AoHBAPGv35e/QFQSk3cc85nHdIXxliCwTnGyrZFp3Xx6Own9kqi2rC6RmcKe
            klyYgtNU+wF55YZ+IjsbAKwTZNeR7y8S202nIw7iCt6WCr0OLyfusYf7ClS0x7P7
            RXdQfm8LRT6aYzOqbgeptEXOkyLctjx5h4wZCZMKp26ftsgNNErV6xbkVndlIpXQ
            7yT39Gwwr76o4irAfMagJ9MAGuVmxqvjLw2BJPxqjg5GzIdPC8dKcj+qmq9Wn9Qh
            JPi9ksjECQKBwQCobbrh9iV7HWZaXCOTb4VLbcgjZGAxc3KliCtMmEsgc5xXD/sO
            P3tyDuiNkoiogwlFf8pibrSRBziB8pYQRWGWyUhHtdJGlkXvzKPIfoIp7A0awyOz
            to+N+1p33PwkEwC9Rtp9EfzHurN2oJfmCfA+0YKE2ESuiSr1Oi0lETWmkiKmZraR
            zwR+JdvnRJ+qTb4GgAQqq9fli38qjM3xrQcYf8Vm35va6hyBIQfMzk8y3Fb7e5u1
            m+YW5Ab7tmCPYBcCgcEApfJznRcVjWR/2o6HePRpvrqFsYY9JnZgFPNSv/CRbyes
            NqnPCd6xa99Dcc7KLV8xRe8zuSgMSvccfAqI+Ddcur7A083KFaMBgZoWX39Iw6ty
            PIMTsdu7L4p9RRKA7bAYaIbLTKNeD2bnv/K6NnrDqjxr5LcgStVK53tEnpHqcOP3
            Gm3ILQzFNYcTXRffvRWk5k3BlUc7pYo8LfXpgdAS490G5sfg5GwphAX604Fj/f/Q
            +IQk1/WropTrdNt92No5AoHAeC32AhUgc6RGtw7mFHBnXp3F+IAJAwxAWnwfZC0L
            zXC2nE+yj0QsFKo7KJnxRSxt0QQ2BwdwuWx0BqevzBeOzrKyZMcVkrSE1WLok/0V
            XaM5l4bQU7e9nHN7sedcVzBGgrPBvdCWN/b/JFqeTWZDwdT7C9FlmbqzX51FqT/i
            gZ0pnawwHj8Qekxcdo1HKtiLor9ewvNRGMHFGuu0lTS3IDouM4bUtJnEzjkLQvhD
            nH46ertDCqixxckMceTmTGck
            -----END PRIVATE KEY-----
            """;

    private PushSigner() {}

    public static byte[] sign(byte[] payload) throws Exception {
        String body = KEY_PEM.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update(payload);
        return signer.sign();
    }
}
