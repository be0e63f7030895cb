package io.quotaflow.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable configuration of a {@link QuoteSimulator}. The defaults model a typical free-tier quote API
 * (22 requests per 5 s, tens of milliseconds of latency, a few unknown symbols) so the app runs out of the box.
 */
public final class SimulatorSettings {

    private final String host;
    private final int port;
    private final int requests;
    private final Duration period;
    private final Set<String> apiKeys;
    private final boolean nonceRequired;
    private final Duration latencyMin;
    private final Duration latencyMax;
    private final Duration inboundJitter;
    private final double unknownRate;
    private final int retryAfterSeconds;
    private final long seed;

    private SimulatorSettings(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.requests = b.requests;
        this.period = b.period;
        this.apiKeys = Set.copyOf(b.apiKeys);
        this.nonceRequired = b.nonceRequired;
        this.latencyMin = b.latencyMin;
        this.latencyMax = b.latencyMax;
        this.inboundJitter = b.inboundJitter;
        this.unknownRate = b.unknownRate;
        this.retryAfterSeconds = b.retryAfterSeconds;
        this.seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static SimulatorSettings defaults() {
        return builder().build();
    }

    public String host() { return host; }

    /** 0 means "pick a free port"; the actual port is {@link QuoteSimulator#port()}. */
    public int port() { return port; }

    /** Maximum requests per key accepted in any sliding {@link #period()}. */
    public int requests() { return requests; }

    public Duration period() { return period; }

    /** Accepted API keys; empty means any non-blank key is accepted. */
    public Set<String> apiKeys() { return apiKeys; }

    public boolean nonceRequired() { return nonceRequired; }

    public Duration latencyMin() { return latencyMin; }

    public Duration latencyMax() { return latencyMax; }

    public Duration inboundJitter() { return inboundJitter; }

    public double unknownRate() { return unknownRate; }

    public int retryAfterSeconds() { return retryAfterSeconds; }

    public long seed() { return seed; }

    @Override
    public String toString() {
        // apiKeys deliberately reduced to a count: settings end up in logs and the keys are secrets
        return "SimulatorSettings[host=" + host + ", port=" + port + ", requests=" + requests + ", period=" + period
                + ", apiKeys=" + apiKeys.size() + " configured, nonceRequired=" + nonceRequired
                + ", latency=" + latencyMin + ".." + latencyMax + ", inboundJitter=" + inboundJitter
                + ", unknownRate=" + unknownRate + ", retryAfterSeconds=" + retryAfterSeconds + ", seed=" + seed + "]";
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private int requests = 22;
        private Duration period = Duration.ofSeconds(5);
        private Set<String> apiKeys = Set.of();
        private boolean nonceRequired = false;
        private Duration latencyMin = Duration.ofMillis(20);
        private Duration latencyMax = Duration.ofMillis(60);
        private Duration inboundJitter = Duration.ofMillis(2);
        private double unknownRate = 0.03;
        private int retryAfterSeconds = 1;
        private long seed = 42L;

        private Builder() {
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        public Builder requests(int requests) {
            if (requests < 1) {
                throw new IllegalArgumentException("requests must be >= 1: " + requests);
            }
            this.requests = requests;
            return this;
        }

        public Builder period(Duration period) {
            this.period = positive(period, "period");
            return this;
        }

        public Builder apiKeys(Set<String> apiKeys) {
            this.apiKeys = Set.copyOf(apiKeys);
            return this;
        }

        public Builder nonceRequired(boolean nonceRequired) {
            this.nonceRequired = nonceRequired;
            return this;
        }

        /** Response delay, drawn uniformly from [min, max] for every request after it has been counted. */
        public Builder latency(Duration min, Duration max) {
            Faults.notNegative(min, "latencyMin");
            Faults.notNegative(max, "latencyMax");
            if (min.compareTo(max) > 0) {
                throw new IllegalArgumentException("latencyMin " + min + " > latencyMax " + max);
            }
            this.latencyMin = min;
            this.latencyMax = max;
            return this;
        }

        /** Random 0..jitter delay before the arrival is stamped, so the server sees the client's timing blurred. */
        public Builder inboundJitter(Duration inboundJitter) {
            this.inboundJitter = Faults.notNegative(inboundJitter, "inboundJitter");
            return this;
        }

        public Builder unknownRate(double unknownRate) {
            this.unknownRate = Faults.checkRate(unknownRate, "unknownRate");
            return this;
        }

        public Builder retryAfterSeconds(int retryAfterSeconds) {
            if (retryAfterSeconds < 0) {
                throw new IllegalArgumentException("retryAfterSeconds must be >= 0: " + retryAfterSeconds);
            }
            this.retryAfterSeconds = retryAfterSeconds;
            return this;
        }

        /** Seed of the fault dice, so a single-threaded run picks the same faulty requests every time. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public SimulatorSettings build() {
            return new SimulatorSettings(this);
        }

        private static Duration positive(Duration d, String name) {
            if (Objects.requireNonNull(d, name).isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }
    }
}
