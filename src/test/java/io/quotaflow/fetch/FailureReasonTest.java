package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;

/** What a call that threw is reported as: a mistyped host must not read as a bare "I/O error". */
class FailureReasonTest {

    @Test
    void eachKindOfFailedCallHasItsOwnReason() {
        assertThat(Outcomes.reasonFor(new UnknownHostException("api.exampel.invalid"))).isEqualTo("unknown host");
        assertThat(Outcomes.reasonFor(new SSLHandshakeException("PKIX path building failed"))).isEqualTo("TLS error");
        assertThat(Outcomes.reasonFor(new ConnectException("refused"))).isEqualTo("connection refused");
        assertThat(Outcomes.reasonFor(new SocketException("reset"))).isEqualTo("connection reset");
        assertThat(Outcomes.reasonFor(new SocketTimeoutException("read"))).isEqualTo("timeout");
        assertThat(Outcomes.reasonFor(new NoHttpResponseException("none"))).isEqualTo("no response");
        assertThat(Outcomes.reasonFor(new IOException("other"))).isEqualTo("I/O error");
    }
}
