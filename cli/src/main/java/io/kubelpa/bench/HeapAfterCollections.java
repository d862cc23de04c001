package io.kubelpa.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap in use right after each garbage collection, from the JVM's notifications: nothing is
 * forced, so measuring does not slow what is measured. After a young collection the old generation
 * may still hold garbage, so the figures are upper bounds of the live data.
 */
final class HeapAfterCollections implements AutoCloseable {
    private final List<Long> samples = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong gcMillis = new AtomicLong();
    private final List<Runnable> unsubscribe = new ArrayList<>();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());

    HeapAfterCollections() {
        NotificationListener listener = (notification, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                    .getGcInfo();
            gcMillis.addAndGet(info.getDuration());
            samples.add(info.getMemoryUsageAfterGc().entrySet().stream()
                    .filter(e -> heapPools.contains(e.getKey()))
                    .mapToLong(e -> e.getValue().getUsed())
                    .sum());
        };
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                unsubscribe.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (ListenerNotFoundException e) {
                        // already gone
                    }
                });
            }
        }
    }

    int collections() {
        return samples.size();
    }

    long gcMillis() {
        return gcMillis.get();
    }

    long median() {
        List<Long> sorted = new ArrayList<>(samples);
        sorted.sort(null);
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    long max() {
        synchronized (samples) {
            return samples.stream().mapToLong(Long::longValue).max().orElse(0);
        }
    }

    @Override
    public void close() {
        unsubscribe.forEach(Runnable::run);
    }
}
