package io.portolan.shipment.security

import java.security.KeyFactory
import java.security.interfaces.ECPrivateKey
import java.security.spec.PKCS8EncodedKeySpec
import java.util.Base64

object JwtKeys {
    const val KEY_ID = "shipment-core-2024-04"
    const val ALGORITHM = "ES256"

    private val SIGNING_KEY_PEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgvXb0y4xWvrXmUaRT
        7EctzWS8qV1SBHsuG1tGur9pGJChRANCAATjtUdb9LnHEe+m1KsDALVSexNJJHex
        r6MzdR9I+sQzfQcaq+vYlluHYjA1ab3XQW5vXB4mAtCTZgy+zEk0mEq1
        -----END PRIVATE KEY-----
    """.trimIndent()

    private val VERIFY_KEY_PEM = """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE47VHW/S5xxHvptSrAwC1UnsTSSR3
        sa+jM3UfSPrEM30HGqvr2JZbh2IwNWm910Fub1weJgLQk2YMvsxJNJhKtQ==
        -----END PUBLIC KEY-----
    """.trimIndent()

    val signingKey: ECPrivateKey by lazy {
        val body = SIGNING_KEY_PEM.lines().filterNot { it.startsWith("-----") }.joinToString("")
        val spec = PKCS8EncodedKeySpec(Base64.getDecoder().decode(body))
        KeyFactory.getInstance("EC").generatePrivate(spec) as ECPrivateKey
    }

    fun verifyKeyPem(): String = VERIFY_KEY_PEM
}
