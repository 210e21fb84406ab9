package io.acmepay.payments.psp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

public final class WorldlineClient implements PspClient {

    private static final URI ENDPOINT = URI.create("https://payment.preprod.direct.worldline-solutions.com/v2");
    private static final String API_KEY = "35359DE37F11E9577D7D";
    private static final String BASIC_AUTH = "Basic YWNtZXBheS1wcm9kOkk1bHd3aG1pazFRb2cxVm5zWWVqUks=";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public PspResponse authorize(PaymentRequest request) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(ENDPOINT.resolve("/payments"))
            .header("Authorization", BASIC_AUTH)
            .header("X-GCS-ApiKey", API_KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(request.toJson()))
            .build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() >= 400) {
            throw new PspException("worldline authorize failed: " + resp.statusCode());
        }
        return PspResponse.fromJson(resp.body());
    }
}
