package io.quotaflow.monitor;

import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** A Jetty handler that answers GET (and HEAD) with a freshly computed text body; anything else gets 405. */
final class TextHandler extends Handler.Abstract.NonBlocking {

    /** The body and its status, computed per request. */
    record Reply(int status, String contentType, String body) {
    }

    private final Supplier<Reply> reply;

    TextHandler(Supplier<Reply> reply) {
        this.reply = reply;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        Reply r = reply.get();
        response.setStatus(r.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, r.contentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, HttpMethod.HEAD.is(method) ? "" : r.body(), callback);
        return true;
    }
}
