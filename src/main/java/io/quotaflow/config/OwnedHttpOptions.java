package io.quotaflow.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * The camel-http options quotaflow sets itself (QuotaflowConfiguration.configureHttp, job.FetchPools), after Camel
 * Main has applied camel.component.http.* and camel.component.https.*: set by a Camel user as -D or in the
 * environment, one was silently overridden. They are refused instead, naming the setting that does it here.
 */
public final class OwnedHttpOptions {

    private static final String CONSUMERS = "use quotaflow.consumers (one connection per consumer)";
    private static final String TIMEOUT = "use quotaflow.request-timeout (connect, pool lease and the whole call)";

    /** Option (lower-case, as matched) → what to set instead. */
    private static final Map<String, String> OWNED = Map.of(
            "maxtotalconnections", CONSUMERS,
            "connectionsperroute", CONSUMERS,
            "connecttimeout", TIMEOUT,
            "sotimeout", TIMEOUT,
            "responsetimeout", TIMEOUT,
            "connectionrequesttimeout", TIMEOUT,
            "automaticretriesdisabled", "use quotaflow.retries (HttpClient's own retries stay off: they would repeat"
                    + " a request outside the route's count of attempts)",
            "httpclientconfigurer", "quotaflow's own configurer keeps the limit at the wire and fills in the API keys");

    private OwnedHttpOptions() {
    }

    /**
     * Fails naming the first of these names (system properties or environment variables) that sets one of those
     * options, in any of the forms Camel reads: {@code camel.component.http.maxTotalConnections},
     * {@code camel.component.https.max-total-connections}, {@code CAMEL_COMPONENT_HTTP_MAXTOTALCONNECTIONS}.
     */
    public static void check(Collection<String> names, String where) {
        for (String name : names.stream().sorted().toList()) {
            String flat = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
            for (String scheme : new String[] {"https", "http"}) {
                String prefix = "camelcomponent" + scheme;
                if (flat.startsWith(prefix) && OWNED.containsKey(flat.substring(prefix.length()))) {
                    throw new ConfigException(name, "quotaflow sets it; " + OWNED.get(flat.substring(prefix.length()))
                            + " (" + where + ")");
                }
            }
        }
    }
}
