package io.quotaflow.fetch;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An error of a call whose text holds an API key. HttpClient quotes what it could not parse: a server that
 * echoes the request line back where a header or a chunk size belongs ({@code Invalid header; error at offset
 * 56: <GET /quote?symbol=X&apikey=...>}, {@code Bad chunk header: GET ...}) puts the key, filled in by then, into
 * the exception, and Camel logs its message at DEBUG (Pipeline, CatchProcessor) without masking. Such an error
 * leaves {@link WireGuard} as a copy with every key masked; one without a key in it is left as it is. (A key so
 * short that it is part of an ordinary message, a one-letter key in "Connection reset", makes that error a masked
 * copy too, reported as an {@code I/O error}; real keys are long.)
 */
final class EchoedKey extends IOException {

    static final String MASK = "xxxxxx";

    /** How deep a chain of causes is followed: it can be made into a loop (a -> b -> a). */
    private static final int MAX_DEPTH = 50;

    private EchoedKey(String text, Throwable cause) {
        super(text, cause);
    }

    /**
     * Null when no key is in the error's text (it is thrown as it is, and its class still tells a timeout from a
     * reset), else a copy of its chain with the keys masked: each link's class and message, its frames kept. Such
     * errors are parse errors of a malformed answer, which the route reports as an {@code I/O error} either way.
     */
    static EchoedKey in(Exception e, Collection<String> secrets) {
        List<String> forms = forms(secrets);
        return holdsAny(e, forms) ? copy(e, forms, 0) : null;
    }

    /** Each key as written and as it went out in the URL, longest first: one key may be part of another. */
    private static List<String> forms(Collection<String> secrets) {
        return secrets.stream().filter(s -> !s.isEmpty()).flatMap(s -> Stream.of(s, UrlTemplate.encode(s))).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** Looks where a log would: the whole printed trace, causes and suppressed errors included. */
    private static boolean holdsAny(Throwable e, List<String> forms) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return forms.stream().anyMatch(trace.toString()::contains);
    }

    private static EchoedKey copy(Throwable e, List<String> forms, int depth) {
        Throwable cause = e.getCause();
        String text = e.toString();
        for (String form : forms) {
            text = text.replace(form, MASK);
        }
        EchoedKey copy = new EchoedKey(text,
                cause == null || cause == e || depth >= MAX_DEPTH ? null : copy(cause, forms, depth + 1));
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }
}
