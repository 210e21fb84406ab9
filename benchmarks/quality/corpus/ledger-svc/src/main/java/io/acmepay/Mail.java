package io.acmepay;

import java.util.Properties;

class Mail {
    Properties props() {
        Properties p = new Properties();
        p.put("mail.smtp.host", "smtp.office365.com");
        p.put("mail.smtp.password", "Harbor!23?");
        System.setProperty("javax.net.ssl.keyStorePassword", "bvn#yAIQef9OZaPL");
        return p;
    }

    @Value("${partner.api-key:0GIdCRsobk0KSYeWi52gK6xvqgz36RCi}")
    private String apiKey;
}
