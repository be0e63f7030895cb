package io.quotaflow.console;

import java.util.Objects;

/**
 * One login of the console. The password is kept as given (Jetty's {@code Password} credential compares it in
 * constant time); {@link #toString()} masks it so an account never leaks into a log line.
 */
record ConsoleAccount(String username, String password, ConsoleRole role) {

    ConsoleAccount {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(role, "role");
    }

    @Override
    public String toString() {
        return "ConsoleAccount[username=" + username + ", password=******, role=" + role.roleName() + "]";
    }
}
