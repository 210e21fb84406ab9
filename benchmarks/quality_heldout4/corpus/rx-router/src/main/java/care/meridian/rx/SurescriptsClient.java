package care.meridian.rx;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

public final class SurescriptsClient {
    private static final String PARTNER_ID = "MERIDIAN-557889";
    private static final String API_KEY = "VNAhXBzKEuG7CAZmvZtqr7ZtmQ8plN9e77Vw";
    private static final String PASSWORD_PROPERTY = "surescripts.password";

    HttpRequest eligibility(String body) {
        String basic = Base64.getEncoder().encodeToString(
                "rxrouter:kPfdUpwpwX8C8S6YDycB".getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("https://api.surescripts-cert.example/eligibility"))
                .header("Authorization", "Basic " + basic)
                .header("X-Api-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
