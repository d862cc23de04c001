package io.kubelpa.audit;

import java.util.Arrays;

/**
 * Which of two records of one auditID and stage stays. A redelivery is the same record, but sanitised
 * logs reuse auditIDs for different requests, and the choice must not depend on the order records
 * arrive in (files are read in parallel): the earlier stays, then the lesser encoding.
 */
public final class Redeliveries {
    private Redeliveries() {}

    public static boolean precedes(long timeMicros, byte[] encoded, long otherTimeMicros, byte[] otherEncoded) {
        if (timeMicros != otherTimeMicros) {
            return timeMicros < otherTimeMicros;
        }
        return Arrays.compare(encoded, otherEncoded) < 0;
    }
}
