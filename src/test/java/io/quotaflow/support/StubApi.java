package io.quotaflow.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A small quote API on 127.0.0.1 and a free port, answering /quote as a test says; stopped by the test. */
public final class StubApi implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    private StubApi(HttpHandler quote) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/quote", quote);
        server.start();
    }

    public static StubApi start(HttpHandler quote) {
        return new StubApi(quote);
    }

    /** The value for quotaflow.api.url. */
    public String urlTemplate() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/quote?symbol={ticker}&apikey={apiKey}";
    }

    /** The request's {@code symbol} parameter (tickers are letters here, so no decoding is needed). */
    public static String symbol(HttpExchange exchange) {
        return exchange.getRequestURI().getQuery().replaceAll(".*symbol=([^&]*).*", "$1");
    }

    /** Answers 200 with this JSON body (Content-Type application/json unless the handler set one). */
    public static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().putIfAbsent("Content-Type", java.util.List.of("application/json"));
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
