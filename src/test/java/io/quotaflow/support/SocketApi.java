package io.quotaflow.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A quote API on a bare socket (127.0.0.1, a free port), for answers an HTTP server library will not give: a
 * {@code 103} head before the answer, a connection closed without one. Each request on a connection is read up to
 * the end of its head and handed to {@link Answer}; connections are kept open until it says otherwise.
 */
public final class SocketApi implements AutoCloseable {

    /** What the API does with one request. */
    @FunctionalInterface
    public interface Answer {
        /** @return false to close the connection (without a word, if nothing was written) */
        boolean answer(String requestLine, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Answer answer;

    public SocketApi(Answer answer) {
        this.answer = answer;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon(this::acceptAll);
    }

    /** For {@code quotaflow.api.url}. */
    public String urlTemplate() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/quote?symbol={ticker}&apikey={apiKey}";
    }

    /** A 200 with this JSON body. */
    public static void ok(OutputStream out, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.ISO_8859_1);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                daemon(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            while (true) {
                String requestLine = in.readLine();
                if (requestLine == null) {
                    return;
                }
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    // the request's headers: nothing to read in them
                }
                if (!answer.answer(requestLine, out)) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client closed the connection, or the test ended
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "socket-api");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
