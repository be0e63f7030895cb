package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.SocketTimeoutException;
import java.util.List;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.ParseException;
import org.junit.jupiter.api.Test;

/** The unit side of {@code WireErrorSecretsTest}: which errors of a call are masked, and how. */
class EchoedKeyTest {

    private static final List<String> KEYS = List.of("SeCrEt-one", "ke y/2", "SeCrEt-one-longer");

    @Test
    void anErrorWithoutAKeyIsThrownAsItIs() {
        assertThat(EchoedKey.in(new SocketTimeoutException("Read timed out"), KEYS)).isNull();
    }

    @Test
    void aKeyAsWrittenOrAsSentInTheUrlIsMaskedInEveryLinkAndTheFramesStay() {
        ParseException parse = new ParseException("Invalid header; error at offset 3: <GET /q?a=ke%20y%2F2 HTTP/1.1>");
        IOException top = new MalformedChunkCodingException("Bad chunk header: SeCrEt-one-longer and SeCrEt-one");
        top.initCause(parse);

        EchoedKey masked = EchoedKey.in(top, KEYS);

        assertThat(trace(masked)).doesNotContain("SeCrEt").doesNotContain("ke%20y").doesNotContain("ke y")
                .contains("MalformedChunkCodingException: Bad chunk header: xxxxxx and xxxxxx")
                .contains("ParseException: Invalid header; error at offset 3: <GET /q?a=xxxxxx HTTP/1.1>");
        assertThat(masked.getStackTrace()).isEqualTo(top.getStackTrace());
        assertThat(masked.getCause().getStackTrace()).isEqualTo(parse.getStackTrace());
    }

    @Test
    void aKeyOnlyInASuppressedErrorCountsAndALoopOfCausesEnds() {
        IOException a = new IOException("a");
        IOException b = new IOException("b", a);
        a.initCause(b);
        a.addSuppressed(new IOException("echo SeCrEt-one"));

        assertThat(trace(EchoedKey.in(a, KEYS))).doesNotContain("SeCrEt").contains("java.io.IOException: a");
    }

    private static String trace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void anEmptyKeyInTheListMasksNothing() {
        // "" is in every text: taken as a key, it made every error a copy with xxxxxx between all its characters
        assertThat(EchoedKey.in(new SocketTimeoutException("Read timed out"), List.of("", "SeCrEt-one"))).isNull();
        assertThat(EchoedKey.in(new IOException("echo SeCrEt-one"), List.of("", "SeCrEt-one")).getMessage())
                .isEqualTo("java.io.IOException: echo xxxxxx");
    }

    @Test
    void aChainIsCopiedFiftyCausesDeepAndNoFurther() {
        IOException first = new IOException("SeCrEt-one 0");
        IOException link = first;
        for (int i = 1; i <= 60; i++) {
            link.initCause(new IOException("SeCrEt-one " + i));
            link = (IOException) link.getCause();
        }

        Throwable copy = EchoedKey.in(first, KEYS);

        int links = 0;
        for (Throwable t = copy; t != null; t = t.getCause()) {
            assertThat(t.getMessage()).isEqualTo("java.io.IOException: xxxxxx " + links++);
        }
        assertThat(links).as("the error and its first 50 causes").isEqualTo(51);
    }
}
