package io.quotaflow.fetch;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.ExecRuntime;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
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
            response.setEntity(new ByteArrayEntity(body, ContentType.parseLenient(entity.getContentType()),
                    entity.getContentEncoding()));
            connection.releaseEndpoint();
        }
        return response;
    }

    boolean passed() {
        return passed.get();
    }

    /** What the route sees when the time ran out: a timeout, like HttpClient's own. */
    SocketTimeoutException timeout(IOException cause) {
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
