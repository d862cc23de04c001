package io.kubelpa.analyze;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.format.AuditEventCodec;
import io.kubelpa.audit.format.AuditLogReader;
import io.kubelpa.audit.format.InputFormat;
import io.kubelpa.audit.format.RawRecord;
import io.kubelpa.audit.format.ReadFault;
import io.kubelpa.job.JobCounters;
import io.kubelpa.job.JobOptions;
import io.kubelpa.job.ScratchLedger;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.usage.AttributionCounting;
import io.kubelpa.usage.Coverage;
import io.kubelpa.usage.RbacChange;
import io.kubelpa.usage.TimeRange;
import io.kubelpa.usage.UsageCounters;
import io.kubelpa.usage.UsageReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs the usage-ledger job over audit log files in BATCH mode and gathers its outputs into a
 * {@link UsageReport}: the ledger from the collected entries (added up on local disk, in Flink's
 * temporary directory, so the heap does not grow with the subjects), the counters from the job's
 * accumulators.
 */
public final class AnalyzeRunner {
    private final Configuration configuration;
    private long lastJobMillis = -1;
    private long lastPartsDone = -1;

    public AnalyzeRunner(Configuration configuration) {
        this.configuration = configuration;
    }

    /** Receives the job's progress while it runs. */
    public interface Progress {
        void update(Status status);
    }

    /** How far the job is: records read, requests attributed, and parts (files or byte ranges) read of all. */
    public record Status(long records, long requests, long partsDone, long parts) {}

    public AnalysisResult run(RbacObjects rbac, BuiltinMode mode, List<Path> auditLogs) throws Exception {
        return run(rbac, mode, auditLogs, TimeRange.ALL, null);
    }

    public AnalysisResult run(
            RbacObjects rbac, BuiltinMode mode, List<Path> auditLogs, TimeRange range, Progress progress)
            throws Exception {
        List<Path> files = AuditLogReader.files(auditLogs);
        if (files.isEmpty()) {
            throw new IOException("no audit log files under " + auditLogs);
        }
        List<AuditLogSplits.Part> parts = AuditLogSplits.parts(
                files, configuration.get(AnalyzeOptions.RANGE_SIZE).getBytes());
        StreamExecutionEnvironment env = environment();
        FileSource<RawRecord> source = source(files, parts);
        AnalyzeJob.Outputs outputs = new AnalyzeJob(
                        rbac,
                        mode,
                        InputFormat.parse(configuration.get(AnalyzeOptions.INPUT_FORMAT)),
                        configuration.getOptional(AnalyzeOptions.PAYLOAD_FIELD).orElse(null),
                        range,
                        JobOptions.eventTimeBounds(configuration),
                        JobOptions.stageRule(configuration),
                        AnalyzeOptions.partialSums(configuration))
                .build(env, source);
        DataStream<AnalysisOutput> all = outputs.ledger()
                .map(AnalysisOutput::of)
                .name("ledger entries")
                .union(
                        outputs.deadLetters().map(AnalysisOutput::of).name("dead letters"),
                        outputs.rbacWrites().map(AnalysisOutput::rbacWrite).name("RBAC writes"));
        ScratchLedger ledger = new ScratchLedger(scratchDirectory());
        DeadLetterSpool deadLetters = null;
        try {
            deadLetters = new DeadLetterSpool(scratchDirectory());
            return collect(env, all, ledger, deadLetters, parts.size(), range, auditLogs, progress);
        } catch (Exception | Error e) {
            try (ledger;
                    DeadLetterSpool spool = deadLetters) {
                throw e;
            }
        }
    }

    private AnalysisResult collect(
            StreamExecutionEnvironment env,
            DataStream<AnalysisOutput> all,
            ScratchLedger ledger,
            DeadLetterSpool deadLetters,
            int parts,
            TimeRange range,
            List<Path> auditLogs,
            Progress progress)
            throws Exception {
        CloseableIterator<AnalysisOutput> results = all.collectAsync();
        JobClient job = env.executeAsync("kube-lpa analyze");
        ScheduledExecutorService poller = progress == null ? null : progressPoller(job, progress, parts);
        Map<String, RbacChange> rbacChanges = new TreeMap<>();
        JobExecutionResult result;
        try (results) {
            while (results.hasNext()) {
                AnalysisOutput output = results.next();
                if (output.fact != null) {
                    ledger.add(output.fact);
                } else if (output.rbacWrite != null) {
                    AuditEvent write = AuditEventCodec.decode(output.rbacWrite);
                    if (write.timeMicros() < range.untilMicros()) {
                        RbacChange.of(write).ifPresent(change -> rbacChanges.put(change.auditID(), change));
                    }
                } else {
                    deadLetters.add(output.deadLetter);
                }
            }
            result = job.getJobExecutionResult().get();
        } finally {
            if (poller != null) {
                poller.shutdownNow();
            }
        }
        lastJobMillis = result.getNetRuntime();
        lastPartsDone = count(result.getAllAccumulatorResults(), JobCounters.PARTS_DONE);
        UsageCounters counters = counters(result, range);
        for (Path entry : AuditLogReader.notFiles(auditLogs)) {
            deadLetters.add(new UsageReport.DeadLetter(entry.toString(), ReadFault.REASON, ReadFault.NOT_A_FILE));
            // counted as the job counts an unreadable file it opened: a record that is a dead letter
            counters.increment(UsageCounters.RECORDS);
            counters.incrementReason(UsageCounters.DEAD_LETTERED, ReadFault.REASON);
        }
        return new AnalysisResult(
                new UsageReport(
                        ledger,
                        counters,
                        deadLetters.asList(),
                        mismatchExamples(result),
                        new ArrayList<>(rbacChanges.values())),
                ledger,
                deadLetters);
    }

    private static ScheduledExecutorService progressPoller(JobClient job, Progress progress, int parts) {
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "lpa-progress");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleAtFixedRate(
                () -> job.getAccumulators()
                        .thenAccept(accumulators -> progress.update(new Status(
                                count(accumulators, JobCounters.PREFIX + UsageCounters.RECORDS),
                                count(accumulators, JobCounters.PREFIX + UsageCounters.REQUESTS),
                                count(accumulators, JobCounters.PARTS_DONE),
                                parts))),
                2,
                2,
                TimeUnit.SECONDS);
        return poller;
    }

    /** The first of Flink's temporary directories ({@code io.tmp.dirs}; the JVM's by default). */
    private Path scratchDirectory() {
        return Path.of(ConfigurationUtils.parseTempDirectories(configuration)[0]);
    }

    /** A BATCH environment of this runner's configuration: sort memory, parallelism, no generic types. */
    public StreamExecutionEnvironment environment() {
        Configuration config = new Configuration(configuration);
        config.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        config.set(PipelineOptions.GENERIC_TYPES, false);
        config.set(CoreOptions.DEFAULT_PARALLELISM, configuration.get(AnalyzeOptions.PARALLELISM));
        if (!configuration.contains(TaskManagerOptions.MANAGED_MEMORY_SIZE)) {
            // BATCH execution sorts the requests by auditID in managed memory (off the heap) and spills to disk beyond
            // it: 1 GiB sorts about 1M events without spilling (measured with lpa bench); larger logs spill.
            config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(1024));
        }
        if (!configuration.contains(NettyShuffleEnvironmentOptions.SHUFFLE_COMPRESSION_CODEC)) {
            // Shuffles stay on this machine: compressing them costs CPU and saves nothing worth it.
            config.set(
                    NettyShuffleEnvironmentOptions.SHUFFLE_COMPRESSION_CODEC,
                    NettyShuffleEnvironmentOptions.CompressionCodec.NONE);
        }
        return StreamExecutionEnvironment.getExecutionEnvironment(config);
    }

    /** The raw records of {@code files}, read in {@code parts} (whole files or byte ranges). */
    public static FileSource<RawRecord> source(List<Path> files, List<AuditLogSplits.Part> parts) {
        Map<String, String> displayNames = new HashMap<>();
        files.forEach(
                f -> displayNames.put(f.toAbsolutePath().normalize().toUri().getPath(), f.toString()));
        return FileSource.forBulkFileFormat(
                        new AuditLogFormat(displayNames),
                        files.stream()
                                .map(p -> new org.apache.flink.core.fs.Path(
                                        p.toAbsolutePath().normalize().toUri()))
                                .toArray(org.apache.flink.core.fs.Path[]::new))
                .setFileEnumerator(fileEnumerator(parts))
                .build();
    }

    /** How long the last run's job ran, from submission to its end (no cluster start-up), or -1. */
    public long lastJobMillis() {
        return lastJobMillis;
    }

    /** How many files or byte ranges the last run read to their end, or -1. */
    public long lastPartsDone() {
        return lastPartsDone;
    }

    private static long count(Map<String, Object> accumulators, String name) {
        return accumulators.get(name) instanceof Long n ? n : 0;
    }

    private static FileEnumerator.Provider fileEnumerator(List<AuditLogSplits.Part> parts) {
        return () -> new AuditLogSplits(parts);
    }

    /** The job's counters; the window is the span of the log's events cut to {@code range}. */
    private static UsageCounters counters(JobExecutionResult result, TimeRange range) {
        UsageCounters counters = new UsageCounters();
        for (Map.Entry<String, Object> entry : result.getAllAccumulatorResults().entrySet()) {
            if (entry.getKey().startsWith(JobCounters.PREFIX) && entry.getValue() instanceof Long value) {
                counters.add(entry.getKey().substring(JobCounters.PREFIX.length()), value);
            }
        }
        Object from = result.getAllAccumulatorResults().get(JobCounters.WINDOW_FROM);
        Object to = result.getAllAccumulatorResults().get(JobCounters.WINDOW_TO);
        if (from instanceof Long f && to instanceof Long t) {
            long start = Math.max(f, range.fromMicros());
            long end = Math.min(t, range.untilMicros());
            if (start <= end) {
                counters.observe(start);
                counters.observe(end);
            }
        }
        if (result.getAllAccumulatorResults().get(JobCounters.COVERAGE) instanceof Coverage coverage) {
            counters.setCoverage(coverage.within(range));
        }
        return counters;
    }

    @SuppressWarnings("unchecked")
    private static List<String> mismatchExamples(JobExecutionResult result) {
        Object examples = result.getAllAccumulatorResults().get(BatchRequestFunction.MISMATCH_EXAMPLES);
        if (!(examples instanceof List<?> list)) {
            return List.of();
        }
        List<String> sorted = new ArrayList<>((List<String>) list);
        sorted.sort(null);
        return sorted.subList(0, Math.min(sorted.size(), AttributionCounting.MAX_MISMATCH_EXAMPLES));
    }
}
