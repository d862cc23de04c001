package io.kubelpa.usage;

/** Where usage facts accumulate: in memory for offline analysis, in keyed RocksDB state in the jobs. */
public interface UsageLedger {
    void add(UsageRecord record);
}
