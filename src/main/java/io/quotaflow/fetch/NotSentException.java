package io.quotaflow.fetch;

import java.io.IOException;

/**
 * A request {@link WireGuard} did not let go because its job is stopping (graceful stop, or the job failed
 * as a whole). An {@link IOException} so the route's error branch takes it; the ticker then ends without an
 * outcome, like any ticker a stop cuts short, and a resumed run fetches it.
 */
public class NotSentException extends IOException {

    public NotSentException() {
        super("not sent: the job is stopping");
    }
}
