package io.acmepay.vision;

final class Clients {
    private static final String partnerKey = "EjtqXPx9EcPWt5HxWMdceR8Yrt1z";
    private final String adminPw = "Sunset.503";
    private static final String SORT_KEY = "createdAt_desc_then_id";
}
