package io.quotaflow.console;

import org.eclipse.jetty.util.security.Password;

/**
 * Jetty's plain {@link Password} credential with a {@code toString()} that does not reveal the password.
 *
 * <p>Why: Jetty's {@code UserPrincipal} puts the credential into the JAAS Subject's private credentials,
 * {@code Subject.toString()} prints private credentials, and Hawtio logs the session Subject at DEBUG
 * ({@code AuthSessionHelpers}: "Session subject - {}"). Jetty's {@code Password.toString()} returns the clear
 * text, so one debug switch would write every console password into the log. The comparison itself stays
 * Jetty's (constant time, {@code Credential.stringEquals}).
 */
final class MaskedPassword extends Password {

    private static final long serialVersionUID = 1L;

    MaskedPassword(String password) {
        super(password);
    }

    @Override
    public String toString() {
        return "******";
    }
}
