package io.kubelpa.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;

/**
 * One timed run: the events it handled, its wall-clock seconds and the CPU seconds this process spent
 * meanwhile (every thread: tasks, JIT compiler, garbage collector; NaN where the JVM does not report
 * its CPU time). The difference of two runs of the
 * same work on two log sizes is the marginal cost, which start-up and JIT warm-up do not hide.
 */
public record Measurement(long events, double seconds, double cpuSeconds) {

    public Measurement {
        if (events < 0 || seconds <= 0) {
            throw new IllegalArgumentException(
                    "a measurement needs events ≥ 0 and a positive time: " + events + " in " + seconds + " s");
        }
    }

    /** Runs {@code work}, which returns the events it handled, and measures it. */
    public static Measurement of(Callable<Long> work) throws Exception {
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        long events = work.call();
        long elapsed = System.nanoTime() - start;
        long cpuAfter = processCpuNanos();
        double cpuSeconds = cpuBefore < 0 || cpuAfter < 0 ? Double.NaN : (cpuAfter - cpuBefore) / 1e9;
        return new Measurement(events, elapsed / 1e9, cpuSeconds);
    }

    /** What {@code larger} cost beyond {@code smaller}: the same work on more events. */
    public static Measurement marginal(Measurement smaller, Measurement larger) {
        if (larger.events <= smaller.events) {
            throw new IllegalArgumentException(
                    "the larger run must handle more events: " + larger.events + " vs " + smaller.events);
        }
        if (larger.seconds <= smaller.seconds) {
            throw new IllegalArgumentException(String.format(
                    "the larger run (%,d events) took no longer than the smaller (%,d): %.1f s vs %.1f s; use sizes"
                            + " further apart",
                    larger.events, smaller.events, larger.seconds, smaller.seconds));
        }
        return new Measurement(
                larger.events - smaller.events,
                larger.seconds - smaller.seconds,
                larger.cpuSeconds - smaller.cpuSeconds);
    }

    public double rate() {
        return events / seconds;
    }

    /** NaN when the CPU time is not known. */
    public double cpuMicrosPerEvent() {
        return events == 0 ? 0 : cpuSeconds * 1e6 / events;
    }

    public boolean cpuKnown() {
        return !Double.isNaN(cpuSeconds);
    }

    /** For example {@code 971,842 events in 15.2 s: 63,814 events/s, CPU 25.1 µs/event}. */
    public String describe() {
        String cpu = cpuKnown()
                ? String.format("CPU %.1f µs/event", cpuMicrosPerEvent())
                : "CPU time not reported by this JVM";
        return String.format("%,d events in %.1f s: %,.0f events/s, %s", events, seconds, rate(), cpu);
    }

    /** Negative when the JVM does not report it. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
