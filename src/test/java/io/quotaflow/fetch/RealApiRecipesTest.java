package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quotaflow.support.QuotaflowTestSupport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The recipes of README.md's "Pointing it at a real API", read from that file, each run as a job against a local
 * stand-in for its provider. The live services are not reachable from the build machines. A stand-in answers on the
 * provider's path and query, in the JSON shape the provider documents: a price for a known symbol, the provider's
 * answer for an unknown one, and its "slow down" answer for one request of one ticker (two tickers where the
 * provider has two ways of saying it). It answers 401 when the key is not where the provider expects it.
 *
 * <p>From summary.json and results.csv each test checks that the prices are read exactly as the API wrote them, that
 * the unknown symbol's 200 ends as {@code unknown symbol} through the recipe's {@code quotaflow.api.unknown-when},
 * and that a "slow down" answer is counted in {@code rateLimited} and retried rather than reported as a bad response. It also checks where the key arrived, and that the stand-in never
 * saw more than the recipe's request count in any window.
 *
 * <p>The recipes' periods run from 30 s to 24 h. The test keeps each recipe's request count and shortens the
 * period to {@link #TEST_PERIOD}, because it checks reading and signalling, not the limit: keeping the limit at the
 * server is covered by LimitAtServerTest, StallBeforeCountTest and RetriesThroughLimiterTest. The window check here
 * only shows that the recipe's count reaches the limiter.
 */
class RealApiRecipesTest extends QuotaflowTestSupport {

    private static final String KEY = "rcp-k3y-4711";
    private static final String TEST_PERIOD = "1s";
    private static final String UNKNOWN = "ZZZZ";

    private StandIn api;
    /** Tickers whose first request got the "slow down" answer already. */
    private final Set<String> slowedDown = ConcurrentHashMap.newKeySet();

    @Override
    protected void settings(Map<String, String> s) {
        api = new StandIn();
        // each test's recipe file (quotaflow.config-file) sets the real URL; this one only keeps the simulator off
        s.put("quotaflow.api.url", api.base() + "/not-a-recipe?symbol={ticker}");
        s.put("quotaflow.api.keys", KEY);
        s.put("quotaflow.retry.backoff", "100ms");
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    // ---- Finnhub ---------------------------------------------------------------------------------------------

    private static final Map<String, String> FINNHUB_PRICES = prices("AAPL", "189.84", "MSFT", "415.5",
            "BRK.B", "412.07", "NVDA", "131.38");

    private Answer finnhub(Seen r, boolean keyInHeader) {
        if (!r.path().equals("/api/v1/quote")) {
            return new Answer(404, "{\"error\":\"Not found\"}");
        }
        String key = keyInHeader ? r.headers().getFirst("X-Finnhub-Token") : r.query().get("token");
        if (!KEY.equals(key)) {
            return new Answer(401, "{\"error\":\"Invalid API key\"}");
        }
        String symbol = r.query().get("symbol");
        if (firstTime(symbol, "NVDA")) {
            return new Answer(429, "{\"error\":\"API limit reached. Please try again later. Remaining Limit: 0\"}");
        }
        String price = FINNHUB_PRICES.get(symbol);
        return price == null
                ? ok("{\"c\":0,\"d\":null,\"dp\":null,\"h\":0,\"l\":0,\"o\":0,\"pc\":0,\"t\":0}")
                : ok("{\"c\":" + price + ",\"d\":1.2,\"dp\":0.6361,\"h\":190.1,\"l\":187.3,\"o\":188,\"pc\":188.64,"
                        + "\"t\":1764633600}");
    }

    @Test
    void finnhub() throws IOException {
        api.answer(r -> finnhub(r, false));
        int limit = runRecipe("finnhub", UnaryOperator.identity(), FINNHUB_PRICES);

        check(FINNHUB_PRICES, Set.of("NVDA"), "/c=0", limit);
        assertThat(api.seen()).allSatisfy(r -> assertThat(r.query()).containsEntry("token", KEY));
    }

    @Test
    void finnhubWithTheKeyInAHeader() throws IOException {
        api.answer(r -> finnhub(r, true));
        int limit = runRecipe("finnhub", recipe -> {
            assertThat(recipe).contains("&token={apiKey}");
            // as the README says: drop &token={apiKey} and add the header
            return recipe.replace("&token={apiKey}", "") + "quotaflow.api.key-header=X-Finnhub-Token\n";
        }, FINNHUB_PRICES);

        check(FINNHUB_PRICES, Set.of("NVDA"), "/c=0", limit);
        assertThat(api.seen()).allSatisfy(r -> {
            assertThat(r.headers().getFirst("X-Finnhub-Token")).isEqualTo(KEY);
            assertThat(r.query()).doesNotContainKey("token").doesNotContainValue(KEY);
        });
    }

    // ---- Twelve Data -----------------------------------------------------------------------------------------

    private static final Map<String, String> TWELVE_PRICES = prices("AAPL", "189.84000", "MSFT", "415.50000",
            "BRK.B", "412.07000", "NVDA", "131.38000");

    private static final String TWELVE_SLOW_DOWN = "{\"code\":429,\"message\":\"You have run out of API credits for the "
            + "current minute. 9 API credits were used, with the current limit being 8. Wait for the next minute or "
            + "consider switching to a higher tier plan at https://twelvedata.com/pricing\",\"status\":\"error\"}";

    private Answer twelveData(Seen r, String endpoint) {
        if (!r.path().equals(endpoint)) {
            return new Answer(404, "{\"code\":404,\"message\":\"not found\",\"status\":\"error\"}");
        }
        if (!KEY.equals(r.query().get("apikey"))) {
            return new Answer(401, "{\"code\":401,\"message\":\"**apikey** parameter is incorrect or not specified."
                    + "\",\"status\":\"error\"}");
        }
        String symbol = r.query().get("symbol");
        if (firstTime(symbol, "NVDA")) {
            return ok(TWELVE_SLOW_DOWN); // 200 with code 429 in the body
        }
        if (firstTime(symbol, "MSFT")) {
            return new Answer(429, TWELVE_SLOW_DOWN);
        }
        String price = TWELVE_PRICES.get(symbol);
        if (price == null) {
            return ok("{\"code\":404,\"message\":\"**symbol** not found: " + symbol + ". Please specify it correctly "
                    + "according to API Documentation.\",\"status\":\"error\",\"meta\":{\"symbol\":\"" + symbol
                    + "\",\"interval\":\"\",\"exchange\":\"\"}}");
        }
        return endpoint.equals("/price") ? ok("{\"price\":\"" + price + "\"}")
                : ok("{\"symbol\":\"" + symbol + "\",\"name\":\"Some Inc\",\"exchange\":\"NASDAQ\",\"mic_code\":\"XNGS\","
                        + "\"currency\":\"USD\",\"datetime\":\"2026-12-01\",\"timestamp\":1764633600,\"open\":\"188.00000\","
                        + "\"high\":\"190.10000\",\"low\":\"187.30000\",\"close\":\"" + price + "\",\"volume\":\"52000000\","
                        + "\"previous_close\":\"188.64000\",\"change\":\"1.20000\",\"percent_change\":\"0.63613\","
                        + "\"average_volume\":\"51000000\",\"is_market_open\":false}");
    }

    @Test
    void twelveData() throws IOException {
        api.answer(r -> twelveData(r, "/quote"));
        int limit = runRecipe("twelvedata", UnaryOperator.identity(), TWELVE_PRICES);

        check(TWELVE_PRICES, Set.of("NVDA", "MSFT"), "/code=404", limit);
        assertThat(api.seen()).allSatisfy(r -> assertThat(r.query()).containsEntry("apikey", KEY));
    }

    @Test
    void twelveDataPriceEndpoint() throws IOException {
        api.answer(r -> twelveData(r, "/price"));
        int limit = runRecipe("twelvedata", recipe -> {
            assertThat(recipe).contains("/quote?symbol={ticker}&apikey={apiKey}", "price-pointer=/close\n");
            // as the README says: the /price endpoint with the pointer /price
            return recipe.replace("/quote?symbol={ticker}&apikey={apiKey}", "/price?symbol={ticker}&apikey={apiKey}")
                    .replace("price-pointer=/close\n", "price-pointer=/price\n");
        }, TWELVE_PRICES);

        check(TWELVE_PRICES, Set.of("NVDA", "MSFT"), "/code=404", limit);
    }

    // ---- Polygon ---------------------------------------------------------------------------------------------

    private static final Map<String, String> POLYGON_PRICES = prices("AAPL", "189.84", "MSFT", "415.5",
            "BRK.B", "412.07", "NVDA", "131.38", "GOOG", "170.01", "AMZN", "186.4");
    private static final Pattern POLYGON_PATH = Pattern.compile("/v2/aggs/ticker/([^/]+)/prev");

    @Test
    void polygon() throws IOException {
        api.answer(r -> {
            Matcher m = POLYGON_PATH.matcher(r.path());
            if (!m.matches()) {
                return new Answer(404, "{\"status\":\"NOT_FOUND\",\"message\":\"not found\"}");
            }
            if (!KEY.equals(r.query().get("apiKey"))) {
                return new Answer(401, "{\"status\":\"ERROR\",\"request_id\":\"r1\",\"error\":\"Unknown API Key\"}");
            }
            String symbol = m.group(1);
            if (firstTime(symbol, "NVDA")) {
                return new Answer(429, "{\"status\":\"ERROR\",\"request_id\":\"r2\",\"error\":\"You've exceeded the "
                        + "maximum requests per minute, please wait or upgrade your subscription to continue. "
                        + "https://polygon.io/pricing\"}");
            }
            String price = POLYGON_PRICES.get(symbol);
            return price == null
                    ? ok("{\"ticker\":\"" + symbol + "\",\"queryCount\":0,\"resultsCount\":0,\"adjusted\":true,"
                            + "\"status\":\"OK\",\"request_id\":\"r3\",\"count\":0}")
                    : ok("{\"ticker\":\"" + symbol + "\",\"queryCount\":1,\"resultsCount\":1,\"adjusted\":true,"
                            + "\"results\":[{\"T\":\"" + symbol + "\",\"v\":5.2e7,\"vw\":189.3,\"o\":188.0,\"c\":" + price
                            + ",\"h\":190.1,\"l\":187.3,\"t\":1764633600000,\"n\":612345}],\"status\":\"OK\","
                            + "\"request_id\":\"r4\",\"count\":1}");
        });
        int limit = runRecipe("polygon", UnaryOperator.identity(), POLYGON_PRICES);

        check(POLYGON_PRICES, Set.of("NVDA"), "/resultsCount=0", limit);
        assertThat(api.seen()).allSatisfy(r -> assertThat(r.query()).containsEntry("apiKey", KEY));
        assertThat(api.seen()).as("the ticker is a path segment, a dot sent as it is")
                .anySatisfy(r -> assertThat(r.rawPath()).isEqualTo("/v2/aggs/ticker/BRK.B/prev"));
        assertThat(api.seen().size()).as("more requests than the limit: the window was used")
                .isGreaterThan(limit);
    }

    // ---- Financial Modeling Prep -----------------------------------------------------------------------------

    private static final Map<String, String> FMP_PRICES = prices("AAPL", "189.84", "MSFT", "415.5",
            "BRK-B", "412.07", "NVDA", "131.38");
    private static final String FMP_LIMIT = "{\"Error Message\": \"Limit Reach . Please upgrade your plan or visit our "
            + "documentation for more details at https://site.financialmodelingprep.com/\"}";

    @Test
    void financialModelingPrep() throws IOException {
        api.answer(r -> {
            if (!r.path().equals("/stable/quote")) {
                return new Answer(404, "{\"Error Message\": \"not found\"}");
            }
            if (!KEY.equals(r.query().get("apikey"))) {
                return new Answer(401, "{\"Error Message\": \"Invalid API KEY. Feel free to create a Free API Key.\"}");
            }
            String symbol = r.query().get("symbol");
            if (firstTime(symbol, "NVDA")) {
                return ok(FMP_LIMIT);
            }
            if (firstTime(symbol, "MSFT")) {
                return new Answer(429, FMP_LIMIT);
            }
            String price = FMP_PRICES.get(symbol);
            return price == null ? ok("[]")
                    : ok("[{\"symbol\":\"" + symbol + "\",\"name\":\"Some Inc.\",\"price\":" + price + ","
                            + "\"changePercentage\":0.6361,\"change\":1.2,\"volume\":52000000,\"dayLow\":187.3,"
                            + "\"dayHigh\":190.1,\"yearHigh\":260.1,\"yearLow\":169.21,\"marketCap\":2.8E12,"
                            + "\"priceAvg50\":230.1,\"priceAvg200\":220.4,\"exchange\":\"NASDAQ\",\"open\":188,"
                            + "\"previousClose\":188.64,\"timestamp\":1764633600}]");
        });
        int limit = runRecipe("fmp", UnaryOperator.identity(), FMP_PRICES);

        check(FMP_PRICES, Set.of("NVDA", "MSFT"), "!/0", limit);
        assertThat(api.seen()).allSatisfy(r -> assertThat(r.query()).containsEntry("apikey", KEY));
    }

    // ---- Alpha Vantage ---------------------------------------------------------------------------------------

    private static final Map<String, String> ALPHA_PRICES = prices("AAPL", "189.8400", "MSFT", "415.5000",
            "BRK.B", "412.0700", "NVDA", "131.3800");

    @Test
    void alphaVantage() throws IOException {
        api.answer(r -> {
            if (!r.path().equals("/query") || !"GLOBAL_QUOTE".equals(r.query().get("function"))) {
                return ok("{\"Error Message\": \"This API function does not exist.\"}");
            }
            if (!KEY.equals(r.query().get("apikey"))) {
                return ok("{\"Error Message\": \"the parameter apikey is invalid or missing.\"}");
            }
            String symbol = r.query().get("symbol");
            if (firstTime(symbol, "NVDA")) {
                return ok("{\"Note\": \"Thank you for using Alpha Vantage! Please consider spreading out your free "
                        + "API requests more sparingly (1 request per second).\"}");
            }
            if (firstTime(symbol, "MSFT")) {
                return ok("{\"Information\": \"We have detected your API key as " + "XXXX"
                        + " and our standard API rate limit is 25 requests per day.\"}");
            }
            String price = ALPHA_PRICES.get(symbol);
            return price == null ? ok("{\"Global Quote\": {}}")
                    : ok("{\"Global Quote\": {\"01. symbol\": \"" + symbol + "\", \"02. open\": \"188.0000\", "
                            + "\"03. high\": \"190.1000\", \"04. low\": \"187.3000\", \"05. price\": \"" + price + "\", "
                            + "\"06. volume\": \"52000000\", \"07. latest trading day\": \"2026-12-01\", "
                            + "\"08. previous close\": \"188.6400\", \"09. change\": \"1.2000\", "
                            + "\"10. change percent\": \"0.6361%\"}}");
        });
        int limit = runRecipe("alphavantage", UnaryOperator.identity(), ALPHA_PRICES);

        check(ALPHA_PRICES, Set.of("NVDA", "MSFT"), "!/Global Quote/01. symbol", limit);
        assertThat(api.seen()).allSatisfy(r -> assertThat(r.query()).containsEntry("apikey", KEY)
                .containsEntry("function", "GLOBAL_QUOTE"));
    }

    // ---- running a recipe and checking its job ---------------------------------------------------------------

    /**
     * Writes the README's recipe with the stand-in's scheme, host and port and the test's period, plus what
     * {@code change} does, as the live settings file, and runs one job over the priced tickers and
     * {@link #UNKNOWN}.
     *
     * @return the recipe's quotaflow.rate.requests
     */
    private int runRecipe(String name, UnaryOperator<String> change, Map<String, String> prices) throws IOException {
        String recipe = readmeRecipe(name);
        assertThat(recipe).as("the README shows the real host").startsWith("quotaflow.api.url=https://")
                .doesNotContain("127.0.0.1");
        String local = change.apply(recipe.replaceFirst("^quotaflow\\.api\\.url=https://[^/]+",
                        "quotaflow.api.url=" + Matcher.quoteReplacement(api.base()))
                .replaceFirst("(?m)^quotaflow\\.rate\\.period=.*$", "quotaflow.rate.period=" + TEST_PERIOD));
        Path file = work.resolve(name + ".properties");
        Files.writeString(file, local);
        List<String> tickers = new ArrayList<>(prices.keySet());
        tickers.add(UNKNOWN);
        context.getPropertiesComponent().addOverrideProperty("quotaflow.config-file", file.toString());
        context.getPropertiesComponent().addOverrideProperty("quotaflow.tickers", writeTickers("tickers.txt", tickers).toString());

        runJob();

        Properties p = new Properties();
        p.load(new StringReader(recipe));
        return Integer.parseInt(p.getProperty("quotaflow.rate.requests"));
    }

    /** @param unknownWhen the recipe's quotaflow.api.unknown-when condition that the unknown symbol's answer meets */
    private void check(Map<String, String> prices, Set<String> slowed, String unknownWhen, int limit)
            throws IOException {
        JsonNode summary = new ObjectMapper().readTree(outputDir().resolve("summary.json").toFile());
        assertThat(summary.get("status").asText()).isEqualTo("completed");
        assertThat(summary.get("succeeded").asLong()).as("every known symbol priced").isEqualTo(prices.size());
        assertThat(summary.get("failures").toString()).as("the unknown symbol, and nothing else")
                .isEqualTo("{\"unknown symbol\":1}");
        assertThat(summary.get("rateLimited").asLong()).as("each slow-down answer counted").isEqualTo(slowed.size());
        assertThat(summary.get("requests").asLong()).as("each slow-down answer retried once")
                .isEqualTo(prices.size() + 1 + slowed.size()).isEqualTo(api.seen().size());
        BigDecimal max = prices.values().stream().map(BigDecimal::new).reduce(BigDecimal::max).orElseThrow();
        BigDecimal min = prices.values().stream().map(BigDecimal::new).reduce(BigDecimal::min).orElseThrow();
        assertThat(summary.get("maxPrice").decimalValue()).isEqualByComparingTo(max);
        assertThat(summary.get("minPrice").decimalValue()).isEqualByComparingTo(min);

        Map<String, CSVRecord> rows = rows();
        assertThat(rows).hasSize(prices.size() + 1);
        prices.forEach((ticker, price) -> {
            CSVRecord row = rows.get(ticker);
            assertThat(row.get("outcome")).as(ticker).isEqualTo("ok");
            assertThat(row.get("price")).as("%s's price exactly as the API wrote it", ticker).isEqualTo(price);
            assertThat(row.get("attempts")).as(ticker).isEqualTo(slowed.contains(ticker) ? "2" : "1");
        });
        CSVRecord unknown = rows.get(UNKNOWN);
        assertThat(unknown.get("outcome")).isEqualTo("failed");
        assertThat(unknown.get("reason")).isEqualTo("unknown symbol");
        assertThat(unknown.get("error")).as("which condition matched, not the body")
                .isEqualTo("unknown symbol (quotaflow.api.unknown-when: " + unknownWhen + ")");
        assertThat(unknown.get("http_status")).isEqualTo("200");
        assertThat(unknown.get("attempts")).as("not retried").isEqualTo("1");

        assertThat(api.maxInAnyWindow(Duration.ofSeconds(1))).as("requests in any %s window", TEST_PERIOD)
                .isLessThanOrEqualTo(limit);
    }

    private Map<String, CSVRecord> rows() throws IOException {
        try (Reader in = Files.newBufferedReader(outputDir().resolve("results.csv"), StandardCharsets.UTF_8)) {
            Map<String, CSVRecord> byTicker = new LinkedHashMap<>();
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                byTicker.put(r.get("ticker"), r);
            }
            return byTicker;
        }
    }

    /** The properties block after {@code <!-- recipe: name -->} in README.md. */
    static String readmeRecipe(String name) throws IOException {
        String doc = Files.readString(Path.of("README.md"));
        int at = doc.indexOf("<!-- recipe: " + name + " -->");
        assertThat(at).as("recipe %s in README.md", name).isNotNegative();
        int start = doc.indexOf("```properties\n", at) + "```properties\n".length();
        int end = doc.indexOf("```", start);
        return doc.substring(start, end);
    }

    private boolean firstTime(String symbol, String slowTicker) {
        return slowTicker.equals(symbol) && slowedDown.add(symbol);
    }

    private static Map<String, String> prices(String... tickerAndPrice) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < tickerAndPrice.length; i += 2) {
            m.put(tickerAndPrice[i], tickerAndPrice[i + 1]);
        }
        return m;
    }

    private static Answer ok(String body) {
        return new Answer(200, body);
    }

    // ---- the stand-in --------------------------------------------------------------------------------------

    record Answer(int status, String body) {
    }

    /** What the stand-in saw of one request: when it arrived (before it was answered), path, query, headers. */
    record Seen(long atNanos, String path, String rawPath, Map<String, String> query, Headers headers) {
    }

    /** A provider's API on 127.0.0.1 and a free port; answers with the test's function and records every request. */
    static final class StandIn implements AutoCloseable {

        private final HttpServer server;
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final List<Seen> seen = new CopyOnWriteArrayList<>();
        private volatile Function<Seen, Answer> answers = r -> new Answer(500, "{}");

        StandIn() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(threads);
            server.createContext("/", this::handle);
            server.start();
        }

        String base() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void answer(Function<Seen, Answer> f) {
            answers = f;
        }

        List<Seen> seen() {
            return seen;
        }

        private void handle(HttpExchange exchange) throws IOException {
            Seen request = new Seen(System.nanoTime(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawPath(), query(exchange.getRequestURI().getRawQuery()),
                    exchange.getRequestHeaders());
            seen.add(request);
            Answer a;
            try {
                a = answers.apply(request);
            } catch (RuntimeException e) {
                a = new Answer(500, "{\"stand-in\":\"" + e + "\"}");
            }
            byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(a.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        private static Map<String, String> query(String raw) {
            Map<String, String> q = new LinkedHashMap<>();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    int eq = pair.indexOf('=');
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    q.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return q;
        }

        /** The most requests that arrived within any window of this length. */
        int maxInAnyWindow(Duration window) {
            long[] at = seen.stream().mapToLong(Seen::atNanos).sorted().toArray();
            int best = 0;
            for (int i = 0, j = 0; j < at.length; j++) {
                while (at[j] - at[i] >= window.toNanos()) {
                    i++;
                }
                best = Math.max(best, j - i + 1);
            }
            return best;
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
