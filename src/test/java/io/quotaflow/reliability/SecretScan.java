package io.quotaflow.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/** Where a planted secret could surface besides the log ({@link io.quotaflow.support.LogLines#everything()}): every file written, every Camel MBean attribute. */
final class SecretScan {

    private SecretScan() {
    }

    /** Path and text of every file under {@code dir}. */
    static List<String> files(Path dir) {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                texts.add(p + "\n" + new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }

    /** "name.attribute = value" for every readable attribute of every MBean in Camel's domain. */
    static List<String> camelMBeans() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        List<String> values = new ArrayList<>();
        for (ObjectName name : server.queryNames(new ObjectName("org.apache.camel:*"), null)) {
            values.add(name.toString());
            for (MBeanAttributeInfo a : server.getMBeanInfo(name).getAttributes()) {
                if (!a.isReadable()) {
                    continue;
                }
                try {
                    values.add(name + "." + a.getName() + " = " + text(server.getAttribute(name, a.getName())));
                } catch (Exception | LinkageError unreadable) {
                    // some attributes throw when the feature is off; nothing to leak there
                }
            }
        }
        return values;
    }

    private static String text(Object v) {
        if (v instanceof Object[] a) {
            return Arrays.deepToString(a);
        }
        if (v instanceof TabularData t) {
            return t.values().toString();
        }
        if (v instanceof CompositeData c) {
            return c.values().toString();
        }
        return String.valueOf(v);
    }
}
