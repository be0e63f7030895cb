package io.quotaflow.schedule;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Every fire of the scheduled-job route's Quartz trigger: the slot it was for (Quartz's
 * scheduledFireTime header) and when it fired, as seen by the route. A late fire is one whose slot
 * lies well before the moment it fired.
 */
final class CronFires extends EventNotifierSupport {

    /** One fire: the cron slot and when the route saw it. */
    record Fire(Instant slot, Instant fired) {
    }

    private final List<Fire> fires = new CopyOnWriteArrayList<>();

    static CronFires recordIn(CamelContext context) {
        CronFires f = new CronFires();
        context.getManagementStrategy().addEventNotifier(f);
        f.start();
        return f;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCreatedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        var exchange = ((CamelEvent.ExchangeCreatedEvent) event).getExchange();
        if ("scheduled-job".equals(exchange.getFromRouteId())) {
            Date slot = exchange.getIn().getHeader("scheduledFireTime", Date.class);
            fires.add(new Fire(slot.toInstant(), Instant.now()));
        }
    }

    List<Fire> all() {
        return List.copyOf(fires);
    }

    /** Fires for slots in [from, to). */
    List<Fire> forSlots(Instant from, Instant to) {
        return fires.stream().filter(f -> !f.slot().isBefore(from) && f.slot().isBefore(to)).toList();
    }
}
