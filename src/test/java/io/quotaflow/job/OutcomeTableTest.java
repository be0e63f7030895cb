package io.quotaflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.config.QuotaflowSettings;
import io.quotaflow.fetch.Attempts;
import io.quotaflow.fetch.NotSentException;
import io.quotaflow.fetch.Outcomes;
import io.quotaflow.fetch.Throttle;
import io.quotaflow.fetch.TickerItem;
import io.quotaflow.fetch.UrlTemplate;
import io.quotaflow.fetch.WireGuard;
import io.quotaflow.limit.ApiKey;
import io.quotaflow.limit.Permit;
import io.quotaflow.limit.RateLimiter;
import io.quotaflow.limit.SendStoppedException;
import io.quotaflow.summary.TickerResult;
import io.quotaflow.support.PackagedDefaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "The API misbehaves" table, one ticker at a time, without HTTP: the route's loop (prepare, throttle,
 * answer, onResponse or onError) is driven by hand, so every retry budget, backoff and reason is checked exactly.
 * The end-to-end tests (FaultMixTest, RetriesThroughLimiterTest, ...) check the same over a real server, but only
 * in totals.
 */
class OutcomeTableTest {

    /** One attempt's answer: a status and body, or a call that threw. */
    private record Answer(int status, String body, String retryAfter, Exception thrown) {
        static Answer of(int status, String body) {
            return new Answer(status, body, null, null);
        }

        static Answer limited(String retryAfter) {
            return new Answer(429, "", retryAfter, null);
        }

        static Answer threw(Exception e) {
            return new Answer(0, null, null, e);
        }
    }

    /** A ticker's fetch: its one result, and the backoff the route waited before each retry (ms). */
    private record Fetched(TickerResult result, List<Long> backoffs) {
    }

    private static final String PRICE = "{\"close\": 123.45}";

    @TempDir
    Path dir;

    private final Map<String, String> values = new HashMap<>();
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private RateLimiter limiter;
    private JobRun job;
    private int jobs;
    /** The answer (by index) before which the job is asked to stop; -1: never. */
    private int stopBefore = -1;
    /** Whether requests go through the limiter (quotaflow.rate.enforce). */
    private boolean limited = true;
    /** Runs between the throttle step and the wire. */
    private Runnable beforeSend;

    @BeforeEach
    void defaults() {
        Properties p = PackagedDefaults.load();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        values.put("quotaflow.api.url", "http://127.0.0.1:19201/quote?symbol={ticker}");
        values.put("quotaflow.retries", "2");
        values.put("quotaflow.retry.backoff", "100ms");
        values.put("quotaflow.retry.backoff-max", "350ms");
        values.put("quotaflow.retries.rate-limited", "3");
    }

    @AfterEach
    void close() throws IOException {
        camel.close();
    }

    private Fetched fetch(Answer... answers) {
        QuotaflowSettings s = QuotaflowSettings.from(values::get);
        limiter = new RateLimiter(ApiKey.all(s.apiKeys()), 1000, Duration.ofSeconds(1), Duration.ZERO, s.nonceEnabled());
        Path folder;
        try {
            folder = Files.createDirectory(dir.resolve("job" + ++jobs));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        job = new JobRun(s, limiter::limits, folder, new UrlTemplate(s.apiUrl()), ResumeJournal.none());
        Throttle throttle = new Throttle();
        throttle.use(limiter);
        Outcomes outcomes = new Outcomes(throttle);

        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(Outcomes.JOB, job);
        exchange.getMessage().setBody(TickerItem.of(1, "AAPL"));
        if (answers.length == 0 && stopBefore == 0) {
            job.requestStop(); // before the ticker left the queue
        }
        outcomes.begin(exchange);
        Attempts a = exchange.getProperty(Outcomes.ATTEMPTS, Attempts.class);
        List<Long> backoffs = new ArrayList<>();
        for (int i = 0; i < answers.length; i++) {
            Answer answer = answers[i];
            assertThat(a.isAgain()).as("another attempt is due before answer %s", answers.length).isTrue();
            if (a.attempts() > 0) {
                backoffs.add(a.getBackoffMillis());
            }
            outcomes.prepare(exchange);
            assertThat(exchange.getMessage().getHeader(Exchange.HTTP_URI)).as("each attempt asks for its ticker")
                    .isEqualTo(job.urls().forTicker("AAPL"));
            assertThat(exchange.getMessage().getBody()).as("no request body, whatever the last answer was").isNull();
            try {
                if (limited) {
                    throttle.acquire(exchange);
                }
                if (beforeSend != null) {
                    beforeSend.run();
                }
                // what WireGuard does: the slot goes on the wire with the request, and the answer stamps it
                Long id = exchange.getMessage().getHeader(WireGuard.PERMIT_HEADER, Long.class);
                Permit permit = id == null ? null : limiter.claim(id);
                boolean wire = answer.thrown() == null || answer.thrown() instanceof SocketTimeoutException;
                if (permit != null && wire) {
                    limiter.answered(limiter.send(permit));
                } else if (permit != null) {
                    limiter.release(permit);
                }
            } catch (InterruptedException | SendStoppedException e) {
                throw new AssertionError(e);
            }
            if (i == stopBefore) {
                job.requestStop(); // while this attempt is on the wire
            }
            exchange.removeProperty(Exchange.EXCEPTION_CAUGHT);
            if (answer.thrown() != null) {
                exchange.setProperty(Exchange.EXCEPTION_CAUGHT, answer.thrown());
                outcomes.onError(exchange);
            } else {
                exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, answer.status());
                exchange.getMessage().setHeader("Retry-After", answer.retryAfter());
                exchange.getMessage().setBody(answer.body());
                outcomes.onResponse(exchange);
            }
            throttle.release(exchange);
        }
        assertThat(a.isAgain()).as("the last answer ends the ticker").isFalse();
        assertThat(a.attempts()).isEqualTo(answers.length);
        assertThat(job.stats().requests()).as("every attempt that left is counted once")
                .isEqualTo(java.util.Arrays.stream(answers).filter(x -> !(x.thrown() instanceof NotSentException)).count());
        return new Fetched(exchange.getMessage().getBody(TickerResult.class), backoffs);
    }

    @Test
    void aPriceEndsTheTickerAtOnce() {
        TickerResult r = fetch(Answer.of(200, PRICE)).result();
        assertThat(r.outcome()).isEqualTo(TickerResult.Outcome.OK);
        assertThat(r.price()).isEqualByComparingTo(new BigDecimal("123.45"));
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.httpStatus()).isEqualTo(200);
    }

    @Test
    void serverErrorsAreRetriedUpToTheBudgetWithADoublingBackoffCappedAtTheMax() {
        Fetched f = fetch(Answer.of(500, "oops"), Answer.of(503, ""), Answer.of(502, "bad gateway"));
        assertThat(f.result().outcome()).isEqualTo(TickerResult.Outcome.FAILED);
        assertThat(f.result().reason()).isEqualTo("server error");
        assertThat(f.result().error()).isEqualTo("HTTP 502 after 3 attempts");
        assertThat(f.result().attempts()).as("retries + 1").isEqualTo(3);
        assertThat(f.backoffs()).as("backoff * 2^(n-1)").containsExactly(100L, 200L);

        values.put("quotaflow.retries", "4");
        Fetched longer = fetch(Answer.of(500, ""), Answer.of(500, ""), Answer.of(500, ""), Answer.of(500, ""),
                Answer.of(500, ""));
        assertThat(longer.backoffs()).as("at most retry.backoff-max").containsExactly(100L, 200L, 350L, 350L);
        assertThat(longer.result().attempts()).isEqualTo(5);
    }

    @Test
    void aRetryThatGetsThroughIsOk() {
        Fetched f = fetch(Answer.of(500, ""), Answer.threw(new SocketTimeoutException("read")), Answer.of(200, PRICE));
        assertThat(f.result().outcome()).isEqualTo(TickerResult.Outcome.OK);
        assertThat(f.result().attempts()).isEqualTo(3);
        assertThat(f.backoffs()).containsExactly(100L, 200L);
    }

    @Test
    void withNoRetriesTheFirstErrorIsFinalAndNamesNoAttemptCount() {
        values.put("quotaflow.retries", "0");
        TickerResult r = fetch(Answer.of(500, "")).result();
        assertThat(r.reason()).isEqualTo("server error");
        assertThat(r.error()).isEqualTo("HTTP 500");
    }

    @Test
    void a408IsRetriedLikeA5xx() {
        assertThat(fetch(Answer.of(408, ""), Answer.of(408, ""), Answer.of(408, "")).result().reason())
                .isEqualTo("server error");
    }

    @Test
    void a409IsANonceRejectionRetriedOnlyInNonceMode() {
        TickerResult rejected = fetch(Answer.of(409, "")).result();
        assertThat(rejected.reason()).as("no nonce: an ordinary client error").isEqualTo("rejected");
        assertThat(rejected.error()).isEqualTo("HTTP 409");

        values.put("quotaflow.api.url", "http://127.0.0.1:19201/quote?symbol={ticker}&nonce={nonce}");
        TickerResult nonce = fetch(Answer.of(409, ""), Answer.of(409, ""), Answer.of(409, "")).result();
        assertThat(nonce.reason()).isEqualTo("nonce rejected");
        assertThat(nonce.error()).isEqualTo("HTTP 409 after 3 attempts");
    }

    @Test
    void clientErrorsAreFinalAtOnce() {
        TickerResult unknown = fetch(Answer.of(404, "")).result();
        assertThat(unknown.reason()).isEqualTo("unknown symbol");
        assertThat(unknown.httpStatus()).isEqualTo(404);
        assertThat(fetch(Answer.of(401, "")).result().reason()).isEqualTo("unauthorized");
        assertThat(fetch(Answer.of(403, "")).result().reason()).isEqualTo("unauthorized");
        for (int status : new int[] {400, 402, 410, 422, 499}) {
            TickerResult r = fetch(Answer.of(status, "")).result();
            assertThat(r.reason()).as("HTTP %d", status).isEqualTo("rejected");
            assertThat(r.error()).isEqualTo("HTTP " + status);
        }
    }

    @Test
    void aCutOffOrEmptyBodyIsRetriedButAMissingOrImpossiblePriceIsNot() {
        Fetched cut = fetch(Answer.of(200, "{\"close\": 12"), Answer.of(200, ""), Answer.of(200, "{\"clo"));
        assertThat(cut.result().reason()).isEqualTo("bad response");
        assertThat(cut.result().error()).isEqualTo("bad response: malformed JSON after 3 attempts");
        assertThat(fetch(Answer.of(200, ""), Answer.of(200, PRICE)).result().outcome())
                .isEqualTo(TickerResult.Outcome.OK);

        assertThat(fetch(Answer.of(200, "{\"open\": 1}")).result().error()).isEqualTo("bad response: no price at /close");
        assertThat(fetch(Answer.of(200, "{\"close\": 0}")).result().error()).isEqualTo("bad response: price 0");
        assertThat(fetch(Answer.of(200, "{\"close\": -1.5}")).result().error()).isEqualTo("bad response: price -1.5");
        assertThat(fetch(Answer.of(200, "{\"close\": 1e999999999}")).result().reason()).isEqualTo("bad response");
        assertThat(fetch(Answer.of(200, "{\"close\": \" 42.5 \"}")).result().price())
                .as("a price given as text").isEqualByComparingTo("42.5");
    }

    @Test
    void callsThatThrewAreRetriedAndNamedByKind() {
        TickerResult r = fetch(Answer.threw(new ConnectException("refused")), Answer.threw(new ConnectException("refused")),
                Answer.threw(new ConnectException("refused"))).result();
        assertThat(r.reason()).isEqualTo("connection refused");
        assertThat(r.error()).isEqualTo("connection refused after 3 attempts");
        assertThat(r.httpStatus()).isNull();
        assertThat(r.latencyMs()).as("no response, no latency").isNull();
    }

    @Test
    void rateLimitedAnswersHaveTheirOwnBudgetOfRetriesPlusOneFinal() {
        Fetched f = fetch(Answer.limited(null), Answer.limited(null), Answer.limited(null), Answer.limited(null));
        assertThat(f.result().reason()).isEqualTo("rate limited");
        assertThat(f.result().error()).isEqualTo("still rate limited after 4 attempts");
        assertThat(f.result().attempts()).as("retries.rate-limited + 1").isEqualTo(4);
        assertThat(f.backoffs()).as("without Retry-After: the backoff, doubling, at most the max")
                .containsExactly(100L, 200L, 350L);
        assertThat(job.stats().rateLimited()).isEqualTo(4);
        assertThat(limiter.stats().get(0).rateLimitedResponses()).as("each 429 counted on its key").isEqualTo(4);
    }

    @Test
    void rateLimitsDoNotUseUpTheErrorBudgetNorErrorsTheRateLimitBudget() {
        // retries=2 and retries.rate-limited=3: five answers that would each end the ticker if counted together
        Fetched f = fetch(Answer.of(500, ""), Answer.limited("0"), Answer.of(500, ""), Answer.limited("0"),
                Answer.limited("0"), Answer.of(200, PRICE));
        assertThat(f.result().outcome()).isEqualTo(TickerResult.Outcome.OK);
        assertThat(f.result().attempts()).isEqualTo(6);
    }

    @Test
    void aRetryAfterRestsTheKeyForAllOfItButTheTickerWaitsAtMostTheLongestBackoff() {
        values.put("quotaflow.api.keys", "k1,k2"); // the retry goes on the other key, which does not rest
        Fetched f = fetch(Answer.limited("60"), Answer.of(200, PRICE));
        assertThat(f.backoffs()).containsExactly(350L);
        assertThat(limiter.stats().get(0).pausedForMillis()).as("the key rests the whole minute")
                .isBetween(55_000L, 60_000L);
        assertThat(limiter.stats().get(1).pausedForMillis()).isZero();

        Fetched soon = fetch(Answer.limited("0"), Answer.of(200, PRICE));
        assertThat(soon.backoffs()).as("Retry-After: 0 is no wait, not the backoff").containsExactly(0L);
    }

    @Test
    void aSlowDownSaidInA200BodyIsA429() {
        values.put("quotaflow.api.rate-limited-when", "/Note");
        Fetched f = fetch(Answer.of(200, "{\"Note\": \"slow down\"}"), Answer.of(200, PRICE));
        assertThat(f.result().outcome()).isEqualTo(TickerResult.Outcome.OK);
        assertThat(job.stats().rateLimited()).isEqualTo(1);
        assertThat(limiter.stats().get(0).rateLimitedResponses()).isEqualTo(1);
    }

    @Test
    void aStopEndsATickerThatWouldBeTriedAgainWithoutAnOutcomeButKeepsAFinalOne() {
        stopBefore = 0;
        TickerResult retried = fetch(Answer.of(500, "")).result();
        assertThat(retried.reason()).as("no outcome: a resumed run fetches it").isEqualTo(JobRun.INTERRUPTED);
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(fetch(Answer.limited(null)).result().reason()).isEqualTo(JobRun.INTERRUPTED);

        assertThat(fetch(Answer.of(200, PRICE)).result().outcome()).as("answered: kept").isEqualTo(TickerResult.Outcome.OK);
        assertThat(fetch(Answer.of(404, "")).result().reason()).isEqualTo("unknown symbol");
        assertThat(fetch(Answer.threw(new ConnectException("refused"))).result().reason()).isEqualTo(JobRun.INTERRUPTED);

        stopBefore = 1;
        assertThat(fetch(Answer.of(500, ""), Answer.of(500, "")).result().reason()).isEqualTo(JobRun.INTERRUPTED);
    }

    @Test
    void anAttemptTheWireDidNotLetGoIsNoRequestAndNoOutcome() {
        Fetched f = fetch(Answer.of(500, ""), Answer.threw(new NotSentException()));
        assertThat(f.result().reason()).isEqualTo(JobRun.INTERRUPTED);
        assertThat(f.result().attempts()).isEqualTo(2);
    }

    @Test
    void aPriceCarriesItsLatencyAndAFailureAfterAResponseItsStatus() {
        TickerResult ok = fetch(Answer.of(500, ""), Answer.of(200, PRICE)).result();
        assertThat(ok.latencyMs()).isNotNull().isBetween(0L, 5_000L);
        assertThat(ok.attempts()).isEqualTo(2);
        TickerResult failed = fetch(Answer.of(503, ""), Answer.of(503, ""), Answer.of(503, "")).result();
        assertThat(failed.httpStatus()).isEqualTo(503);
        assertThat(failed.latencyMs()).isNotNull();
    }

    @Test
    void aTickerStillQueuedWhenTheJobStopsIsNeverStarted() {
        stopBefore = 0;
        TickerResult r = fetch().result();
        assertThat(r.reason()).isEqualTo(JobRun.INTERRUPTED);
        assertThat(r.attempts()).isZero();
    }

    @Test
    void latencyRunsFromTheMomentTheRequestLeftNotFromTheWaitForASlot() {
        beforeSend = () -> sleep(200); // the time a ticker spends waiting for its slot to free
        TickerResult viaLimiter = fetch(Answer.of(200, PRICE)).result();
        assertThat(viaLimiter.latencyMs()).isBetween(0L, 150L);

        limited = false; // quotaflow.rate.enforce=false: no permit, so sent when prepared
        TickerResult unlimited = fetch(Answer.of(200, PRICE)).result();
        assertThat(unlimited.latencyMs()).isBetween(200L, 5_000L);
    }

    @Test
    void aPriceOfAtMostThirtyDigitsBeforeThePointAndAHundredAfterIsUsable() {
        String thirty = "9".repeat(30);
        String hundred = "0." + "0".repeat(99) + "1";
        assertThat(fetch(Answer.of(200, "{\"close\": " + thirty + "}")).result().price()).isEqualByComparingTo(thirty);
        assertThat(fetch(Answer.of(200, "{\"close\": " + hundred + "}")).result().price()).isEqualByComparingTo(hundred);
        assertThat(fetch(Answer.of(200, "{\"close\": " + thirty + "9}")).result().error()).startsWith("bad response: price");
        assertThat(fetch(Answer.of(200, "{\"close\": " + hundred + "1}")).result().error()).startsWith("bad response: price");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
