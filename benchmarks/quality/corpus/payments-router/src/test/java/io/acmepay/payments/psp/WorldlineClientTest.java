package io.acmepay.payments.psp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorldlineClientTest {

    private static final String DUMMY_API_KEY = "dummy-api-key";
    private static final String DUMMY_PASSWORD = "password123";

    @Test
    void buildsBasicHeader() {
        String header = BasicAuth.header("test-user", DUMMY_PASSWORD);
        assertThat(header).startsWith("Basic ");
    }

    @Test
    void rejectsMissingKey() {
        assertThat(PspConfig.validate(DUMMY_API_KEY)).isFalse();
    }
}
