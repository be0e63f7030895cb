package io.quotaflow.fetch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.ExecRuntime;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * quotaflow.request-timeout for the whole call. HttpClient's timeouts bound each wait on the socket, so a
 * server that answers a byte at a time held a call (and a graceful stop) for as long as it liked. Here the
 * connection is closed when the time is up, and the body is read before the call returns, so that the
 * time covers it too.
 */
final class Deadline {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final Duration timeout;
    private final AtomicBoolean passed = new AtomicBoolean();
    private final ScheduledFuture<?> task;
    private final ExecRuntime connection;

    private Deadline(Duration timeout, ExecRuntime connection) {
        this.timeout = timeout;
        this.connection = connection;
        this.task = TIMER.schedule(() -> {
            passed.set(true);
            connection.discardEndpoint(); // closes the socket: a read blocked on it fails at once
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    static Deadline after(Duration timeout, ExecRuntime connection) {
        return new Deadline(timeout, connection);
    }

    /**
     * The response with its body read into memory, and the connection given back to the pool: HttpClient only
     * returns it when a streamed body ends, and the body it is handed from here on is not streamed.
     */
    ClassicHttpResponse read(ClassicHttpResponse response) throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity != null) {
            byte[] body = EntityUtils.toByteArray(entity);
            response.setEntity(new Buffered(body, entity.getContentType(), entity.getContentEncoding()));
            connection.releaseEndpoint();
        }
        return response;
    }

    /**
     * A body read into memory, with the answer's Content-Type and Content-Encoding kept as written: parsing them
     * here would fail the call on a header HttpClient itself tolerates (e.g. {@code charset='utf-8'}).
     */
    private static final class Buffered extends AbstractHttpEntity {

        private final byte[] body;

        Buffered(byte[] body, String contentType, String contentEncoding) {
            super(contentType, contentEncoding);
            this.body = body;
        }

        @Override
        public InputStream getContent() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public long getContentLength() {
            return body.length;
        }

        @Override
        public boolean isRepeatable() {
            return true;
        }

        @Override
        public boolean isStreaming() {
            return false;
        }

        @Override
        public void close() {
        }
    }

    boolean passed() {
        return passed.get();
    }

    /** What the route sees when the time ran out: a timeout, like HttpClient's own. */
    SocketTimeoutException timeout(Exception cause) {
        SocketTimeoutException e = new SocketTimeoutException("no complete answer within " + timeout.toMillis()
                + " ms (quotaflow.request-timeout)");
        e.initCause(cause);
        return e;
    }

    void cancel() {
        task.cancel(false);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "quotaflow-request-deadline");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
