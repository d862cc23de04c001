package io.kubelpa.job;

import io.kubelpa.authz.SubjectRef;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.usage.GrantKey;
import io.kubelpa.usage.RequestShape;

/**
 * Where usage adds up: a subject's entry for one grant (null: denied) and request shape, within a
 * slot of time (a review period, a review, or {@link #TIMELESS}). In memory the record itself is
 * the key; in Flink state it is {@link #encode() encoded} as one string: the slot first, so the
 * entries of a slot share a {@link #slotPrefix prefix}, then every field with its length, so that no
 * name, whatever characters it holds, can make two different entries meet.
 */
public record LedgerKey(long slot, String username, GrantKey grant, RequestShape shape) {
    /** The slot of sums in which time plays no part. */
    public static final long TIMELESS = 0;

    private static final char END_OF_SLOT = '\u0000';
    private static final char LENGTH_END = ':';
    private static final char DENIED = '-';
    private static final char GRANTED = '+';

    public String encode() {
        StringBuilder key = new StringBuilder(slotPrefix(slot));
        field(key, username);
        if (grant == null) {
            key.append(DENIED);
        } else {
            key.append(GRANTED);
            ref(key, grant.binding());
            ref(key, grant.role());
            field(key, Integer.toString(grant.ruleIndex()));
            field(key, grant.subject().kind());
            field(key, grant.subject().name());
            field(key, grant.subject().namespace());
        }
        field(key, shape.verb());
        field(key, shape.apiGroup());
        field(key, shape.resource());
        field(key, shape.subresource());
        field(key, shape.namespace());
        field(key, shape.resourceName());
        field(key, shape.nonResourceURL());
        return key.toString();
    }

    public static LedgerKey decode(String encoded) {
        Reader reader = new Reader(encoded);
        long slot = slotOf(encoded);
        String username = reader.field();
        GrantKey grant = null;
        if (reader.marker() == GRANTED) {
            ObjectRef binding = new ObjectRef(reader.field(), reader.field(), reader.field());
            ObjectRef role = new ObjectRef(reader.field(), reader.field(), reader.field());
            int ruleIndex = Integer.parseInt(reader.field());
            grant = new GrantKey(
                    binding, role, ruleIndex, new SubjectRef(reader.field(), reader.field(), reader.field()));
        }
        RequestShape shape = new RequestShape(
                reader.field(),
                reader.field(),
                reader.field(),
                reader.field(),
                reader.field(),
                reader.field(),
                reader.field());
        reader.expectEnd();
        return new LedgerKey(slot, username, grant, shape);
    }

    /** What every encoded key of the slot starts with, and no other key does. */
    public static String slotPrefix(long slot) {
        return Long.toString(slot) + END_OF_SLOT;
    }

    public static long slotOf(String encoded) {
        int end = encoded.indexOf(END_OF_SLOT);
        if (end < 0) {
            throw new IllegalArgumentException("not a ledger key: no slot");
        }
        return Long.parseLong(encoded, 0, end, 10);
    }

    private static void ref(StringBuilder key, ObjectRef ref) {
        field(key, ref.kind());
        field(key, ref.name());
        field(key, ref.namespace());
    }

    private static void field(StringBuilder key, String value) {
        key.append(value.length()).append(LENGTH_END).append(value);
    }

    /** Reads the fields back in the order {@link #encode()} writes them. */
    private static final class Reader {
        private final String encoded;
        private int at;

        Reader(String encoded) {
            this.encoded = encoded;
            this.at = encoded.indexOf(END_OF_SLOT) + 1;
        }

        String field() {
            int end = encoded.indexOf(LENGTH_END, at);
            if (end < 0) {
                throw new IllegalArgumentException("not a ledger key: a field without its length at " + at);
            }
            int length = Integer.parseInt(encoded, at, end, 10);
            int start = end + 1;
            if (length < 0 || start + length > encoded.length()) {
                throw new IllegalArgumentException("not a ledger key: a field longer than the key at " + at);
            }
            at = start + length;
            return encoded.substring(start, at);
        }

        char marker() {
            if (at >= encoded.length()) {
                throw new IllegalArgumentException("not a ledger key: it ends before its grant");
            }
            char marker = encoded.charAt(at++);
            if (marker != GRANTED && marker != DENIED) {
                throw new IllegalArgumentException("not a ledger key: no grant marker at " + (at - 1));
            }
            return marker;
        }

        void expectEnd() {
            if (at != encoded.length()) {
                throw new IllegalArgumentException(
                        "not a ledger key: " + (encoded.length() - at) + " characters after it");
            }
        }
    }
}
