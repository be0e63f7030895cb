package io.quotaflow.console;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard output is a terminal a person reads, rather than a file or pipe that is kept as a log. */
final class TerminalOutput {

    private TerminalOutput() {
    }

    static boolean isTerminal() {
        // Linux: what standard output itself is (System.console() also asks about standard input)
        Path stdout = Path.of("/proc/self/fd/1");
        if (Files.isSymbolicLink(stdout)) {
            try {
                String target = Files.readSymbolicLink(stdout).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException e) {
                // fall back to the console below
            }
        }
        Console console = System.console();
        if (console == null) {
            return false; // Java 17-21: no console unless stdin and stdout are terminals
        }
        try {
            // Java 22+ returns a console for redirected output too; Console.isTerminal() tells them apart
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException beforeJava22) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
