package io.quotaflow.console;

import java.util.Map;

import org.apache.camel.ManagementMBeansLevel;
import org.apache.camel.ManagementStatisticsLevel;
import org.apache.camel.main.DefaultConfigurationProperties;

/**
 * The Camel management settings Hawtio's Camel plugin needs to show routes, the route diagram with live
 * per-node counts and per-route statistics.
 *
 * <p>Why: Hawtio reads all of it over JMX. Camel registers route and processor MBeans by default, but per-node
 * counters for the diagram and the processor statistics tables need statistics level {@code Extended}; endpoint
 * usage and load averages are off unless enabled. Offered both as {@code camel.main.*} properties (for
 * application.properties) and as a setter for code-configured Camel Main.
 */
public final class ConsoleCamelSettings {

    /** The same settings as {@code camel.main.*} properties. */
    public static final Map<String, String> MAIN_PROPERTIES = Map.of(
            "camel.main.jmxEnabled", "true",
            "camel.main.jmxManagementMBeansLevel", "Default",
            "camel.main.jmxManagementStatisticsLevel", "Extended",
            "camel.main.endpointRuntimeStatisticsEnabled", "true",
            "camel.main.loadStatisticsEnabled", "true");

    private ConsoleCamelSettings() {
    }

    /** Applies {@link #MAIN_PROPERTIES} to Camel Main's configuration ({@code main.configure()}). */
    public static void applyTo(DefaultConfigurationProperties<?> camelMain) {
        camelMain.setJmxEnabled(true);
        camelMain.setJmxManagementMBeansLevel(ManagementMBeansLevel.Default);
        camelMain.setJmxManagementStatisticsLevel(ManagementStatisticsLevel.Extended);
        camelMain.setEndpointRuntimeStatisticsEnabled(true);
        camelMain.setLoadStatisticsEnabled(true);
    }
}
