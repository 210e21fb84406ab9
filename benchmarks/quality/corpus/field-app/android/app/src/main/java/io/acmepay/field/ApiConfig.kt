package io.acmepay.field

object ApiConfig {
    const val BASE_URL = "https://field.acmepay.io/api/"
    const val CLIENT_SECRET = "b92NxoHEhO_FiR0qvRJqzfTF6s7XRb_q"
    const val PASSWORD_FIELD = "password"
}
