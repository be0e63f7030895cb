package io.quotaflow.console;

import org.apache.camel.ManagementMBeansLevel;
import org.apache.camel.ManagementStatisticsLevel;
import org.apache.camel.main.DefaultConfigurationProperties;

/**
 * Test fixture: the Camel management settings Hawtio's Camel plugin needs (routes, the route diagram with live
 * per-node counts, per-route statistics), for the code-configured Camel Main of {@link ConsoleTestApp}. The app
 * itself sets the statistics it needs as {@code camel.main.*} in application.properties.
 *
 * <p>Why: Hawtio reads all of it over JMX. Camel registers route and processor MBeans by default, but per-node
 * counters for the diagram and the processor statistics tables need statistics level {@code Extended}; endpoint
 * usage and load averages are off unless enabled.
 */
final class ConsoleCamelSettings {

    private ConsoleCamelSettings() {
    }

    /** Applies the settings to Camel Main's configuration ({@code main.configure()}). */
    static void applyTo(DefaultConfigurationProperties<?> camelMain) {
        camelMain.setJmxEnabled(true);
        camelMain.setJmxManagementMBeansLevel(ManagementMBeansLevel.Default);
        camelMain.setJmxManagementStatisticsLevel(ManagementStatisticsLevel.Extended);
        camelMain.setEndpointRuntimeStatisticsEnabled(true);
        camelMain.setLoadStatisticsEnabled(true);
    }
}
