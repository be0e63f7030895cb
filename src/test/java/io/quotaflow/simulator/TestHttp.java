package io.quotaflow.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny JDK HttpClient wrapper for the simulator tests. */
final class TestHttp {

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final QuoteSimulator sim;

    TestHttp(QuoteSimulator sim) {
        this.sim = sim;
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return get(pathAndQuery, Duration.ofSeconds(5));
    }

    HttpResponse<String> get(String pathAndQuery, Duration timeout) throws IOException, InterruptedException {
        return client.send(request(pathAndQuery).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return client.send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery));
    }

    HttpClient client() {
        return client;
    }
}
