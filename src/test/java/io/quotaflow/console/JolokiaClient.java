package io.quotaflow.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Plain HTTP calls to the console's Jolokia endpoint, with or without Basic credentials. */
final class JolokiaClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String jolokiaUrl;

    JolokiaClient(String consoleUrl) {
        this.jolokiaUrl = consoleUrl + "/jolokia/";
    }

    record Reply(int httpStatus, JsonNode body) {
        /** Jolokia reports errors (e.g. a refused exec) as "status" in the JSON body. */
        int jolokiaStatus() {
            return body != null && body.has("status") ? body.get("status").asInt() : -1;
        }

        JsonNode value() {
            return body.get("value");
        }
    }

    Reply get(String user, String password) throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(jolokiaUrl + "version")).timeout(Duration.ofSeconds(10));
        withAuth(req, user, password);
        return send(req.GET().build());
    }

    Reply read(String user, String password, String mbean, String attribute) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("type", "read").put("mbean", mbean).put("attribute", attribute);
        return post(user, password, body);
    }

    Reply exec(String user, String password, String mbean, String operation) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("type", "exec").put("mbean", mbean).put("operation", operation);
        body.putArray("arguments");
        return post(user, password, body);
    }

    /** exec with arguments, e.g. {@code exec(u, p, mbean, "setLimit(int)", 7)}. */
    Reply exec(String user, String password, String mbean, String operation, Object... args)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("type", "exec").put("mbean", mbean).put("operation", operation);
        var array = body.putArray("arguments");
        for (Object a : args) {
            array.addPOJO(a);
        }
        return post(user, password, body);
    }

    /** All readable attributes of one MBean, or of every MBean matching a pattern. */
    Reply readAll(String user, String password, String mbean) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("type", "read").put("mbean", mbean);
        return post(user, password, body);
    }

    /** All attributes of one MBean as Hawtio reads them: with ignoreErrors, a refused one becomes an error text. */
    Reply readAllIgnoringErrors(String user, String password, String mbean) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("type", "read").put("mbean", mbean);
        body.putObject("config").put("ignoreErrors", true);
        return post(user, password, body);
    }

    /** The names of the MBeans matching a pattern that the console lets this user see. */
    Reply search(String user, String password, String pattern) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("type", "search").put("mbean", pattern);
        return post(user, password, body);
    }

    Reply write(String user, String password, String mbean, String attribute, boolean value)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("type", "write").put("mbean", mbean).put("attribute", attribute)
                .put("value", value);
        return post(user, password, body);
    }

    /** Any request, as JSON (e.g. one with a proxy "target"). */
    Reply request(String user, String password, String json) throws IOException, InterruptedException {
        return post(user, password, (ObjectNode) JSON.readTree(json));
    }

    private Reply post(String user, String password, ObjectNode body) throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(jolokiaUrl)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json");
        withAuth(req, user, password);
        return send(req.POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> resp = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        String text = resp.body();
        if (text != null && text.trim().startsWith("{")) {
            json = JSON.readTree(text);
        }
        return new Reply(resp.statusCode(), json);
    }

    private static void withAuth(HttpRequest.Builder req, String user, String password) {
        if (user != null) {
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            req.header("Authorization", "Basic " + token);
        }
    }
}
