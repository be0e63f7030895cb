package io.quotaflow.config;

import java.nio.file.Path;

/**
 * A path setting that starts with {@code ~}. The shell expands {@code ~} only at the start of a word, so in
 * {@code -Dquotaflow.output-dir=~/quotes} it stays as written, and Java reads it as a folder named "~" in the
 * working directory: a ticker list was "not found" there, and a job's output went into {@code ./~/quotes}.
 */
public final class HomeTilde {

    private HomeTilde() {
    }

    /** ~, ~/..., or the shell's ~user/... form: a first path part that starts with ~. */
    public static boolean leads(String path) {
        return path.startsWith("~");
    }

    /** The first part of such a path (~ or ~user): the folder Java would make in the working directory. */
    public static String firstPart(String path) {
        int end = path.length();
        for (char separator : new char[] {'/', '\\'}) {
            int at = path.indexOf(separator);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        return path.substring(0, end);
    }

    /**
     * The error for such a path in a setting that would make it: Java would make a folder named ~ (or ~user) in the
     * working directory, where nobody looks for it.
     *
     * @param alternative added at the end, e.g. what leaving the setting empty does
     */
    public static ConfigException refused(String key, String path, String alternative) {
        return new ConfigException(key, "'" + path + "' would be in a folder named " + firstPart(path) + " in "
                + Path.of("").toAbsolutePath() + hint(path) + alternative);
    }

    /** What to add to a message about such a path; empty for any other. */
    public static String hint(String path) {
        return leads(path) ? "; a leading ~ is not expanded in -Dkey=~/... or a settings file: write the full path"
                + " (e.g. -Dkey=$HOME/...)" : "";
    }
}
