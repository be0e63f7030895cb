package io.quotaflow.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A hostile API on 127.0.0.1 and a free port, written on a bare socket so it can answer what no HTTP server
 * library would send: each ticker (the {@code symbol} in the request line) picks a way of echoing the request,
 * and so the API key in it, back at the client, in a status, header, chunk line, body or redirect, or of
 * breaking the call (a reset, a hang). What the client then reports must not hold the key.
 */
final class EchoingApi implements AutoCloseable {

    /** The tickers and what each answer does with the request it echoes. */
    static final Map<String, String> TICKERS = Map.of(
            "UNAUTH", "401 whose body and a header repeat the request",
            "REDIR", "302 to a Location that holds the key",
            "BADHDR", "a header line that is the request line (no colon: a parse error quoting it)",
            "BADCHUNK", "a chunk-size line that is the request line (a malformed chunk error quoting it)",
            "BADSTATUS", "a status line that carries the request line",
            "JSONECHO", "200 whose JSON error repeats the key",
            "RESET", "a reset in the middle of the body",
            "HANG", "no answer (the request timeout)");

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    /** Request heads as they arrived, by ticker: the key must have reached the API (else nothing was tested). */
    final Map<String, String> heads = new ConcurrentHashMap<>();

    EchoingApi() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::acceptAll);
    }

    String urlTemplate() {
        return base() + "/quote?symbol={ticker}&apikey={apiKey}";
    }

    private String base() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                threads.execute(() -> answer(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void answer(Socket s) {
        try (s) {
            String head = readHead(s.getInputStream());
            String line = head.lines().findFirst().orElse("");
            String ticker = line.replaceAll(".*symbol=([A-Z]*).*", "$1");
            heads.merge(ticker, head, (a, b) -> a);
            OutputStream out = s.getOutputStream();
            switch (ticker) {
                case "UNAUTH" -> write(out, "HTTP/1.1 401 Unauthorized\r\nX-Echo: " + line + "\r\nContent-Type: text/plain\r\n"
                        + "Content-Length: " + head.length() + "\r\nConnection: close\r\n\r\n" + head);
                case "REDIR" -> write(out, "HTTP/1.1 302 Found\r\nLocation: " + base() + line.split(" ")[1].replace("REDIR", "MOVED")
                        + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                case "BADHDR" -> write(out, "HTTP/1.1 400 Bad Request\r\n" + line + "\r\nContent-Length: 0\r\n\r\n");
                case "BADCHUNK" -> write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                        + line + "\r\n");
                case "BADSTATUS" -> write(out, "HTTP/1.1 200 " + line + "\r\nX: " + line + "\r\nContent-Length: 0\r\n"
                        + "Connection: close\r\n\r\n");
                case "JSONECHO" -> {
                    String body = "{\"error\":\"" + line.replaceAll(".*apikey=([^ &]*).*", "invalid key $1") + "\"}";
                    write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                            + "\r\nConnection: close\r\n\r\n" + body);
                }
                case "RESET" -> {
                    write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"close\":");
                    s.setSoLinger(true, 0); // closing now sends RST
                }
                case "HANG" -> s.getInputStream().read(); // until the client gives up and closes
                default -> write(out, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            }
        } catch (IOException gone) {
            // the client closed first: nothing to answer
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        threads.shutdownNow();
    }
}
