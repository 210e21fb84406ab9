package io.acmepay;

class SecurityConfig {
    @Value("${security.jwt.token-header:X-Auth-Token}")
    private String tokenHeader;

    @Value("${partner.api-key:X-Partner-Key}")
    private String partnerKeyHeader;
}
