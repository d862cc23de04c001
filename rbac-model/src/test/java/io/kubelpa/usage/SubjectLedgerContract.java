package io.kubelpa.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubelpa.authz.SubjectRef;
import io.kubelpa.rbac.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SubjectLedger} promises, checked against a sum computed here from the same
 * parts: subjects in {@link String} order whatever their names hold, each with the sums of its
 * parts per grant and shape (counts added, the earliest first use, the latest last use, the
 * smallest three sample auditIDs) and its denials; lookups by exact name only; nothing writable.
 */
public abstract class SubjectLedgerContract {
    /** Usage to add: one request or a partial sum of several, of a subject, grant (null: denied) and shape. */
    public record Part(String username, GrantKey grant, RequestShape shape, ShapeUsage usage) {}

    private static final List<String> NAMES = List.of(
            "a",
            "ab",
            "a\u0000b",
            "a\u0001",
            "\uFFFF",
            "\uD83D\uDE00x",
            "",
            "Z",
            "system:serviceaccount:ns:sa-1",
            "system:serviceaccount:ns:sa-10",
            "b\u00ff",
            "name with\u0085nel");
    private static final List<GrantKey> GRANTS = List.of(
            new GrantKey(
                    ObjectRef.roleBinding("team", "app"),
                    ObjectRef.clusterRole("reader"),
                    0,
                    new SubjectRef("Group", "devs", "")),
            new GrantKey(
                    ObjectRef.clusterRoleBinding("all"),
                    ObjectRef.clusterRole("writer"),
                    1,
                    new SubjectRef("Group", "system:authenticated", "")),
            new GrantKey(
                    ObjectRef.roleBinding("team", "app"),
                    ObjectRef.clusterRole("reader"),
                    0,
                    new SubjectRef("ServiceAccount", "app", "team")));
    private static final List<String> VERBS = List.of("get", "list", "delete");

    private SubjectLedger ledger;

    /** A ledger holding the parts, in the order given. */
    protected abstract SubjectLedger fill(List<Part> parts) throws Exception;

    @AfterEach
    void close() throws Exception {
        if (ledger instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Test
    void subjectsComeBackInStringOrderEachWithTheSumsOfItsParts() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            close();
            List<Part> parts = randomParts(new Random(seed));
            ledger = fill(parts);
            Map<String, Map<String, Sum>> expected = expectedSums(parts);

            assertThat(new ArrayList<>(ledger.subjects().keySet())).containsExactlyElementsOf(expected.keySet());
            assertThat(ledger.subjects()).hasSize(expected.size());
            for (Map.Entry<String, SubjectUsage> subject : ledger.subjects().entrySet()) {
                assertThat(sumsOf(subject.getValue())).as(subject.getKey()).isEqualTo(expected.get(subject.getKey()));
            }
            for (String name : expected.keySet()) {
                assertThat(sumsOf(ledger.subjects().get(name)))
                        .as("lookup of %s", name)
                        .isEqualTo(expected.get(name));
            }
        }
    }

    @Test
    void lookupsMatchWholeNamesOnly() throws Exception {
        ledger = fill(List.of(part("ab", GRANTS.get(0), "get", 1, "x"), part("a\u0000b", null, "get", 2, "y")));
        assertThat(ledger.subjects().get("a")).isNull();
        assertThat(ledger.subjects().get("abc")).isNull();
        assertThat(ledger.subjects().get("a\u0000")).isNull();
        assertThat(ledger.subjects().containsKey("ab")).isTrue();
        assertThat(ledger.subjects().get("a\u0000b").used()).isEmpty();
        assertThat(ledger.subjects().get("a\u0000b").denied()).hasSize(1);
    }

    @Test
    void anEmptyLedgerHasNoSubjects() throws Exception {
        ledger = fill(List.of());
        assertThat(ledger.subjects()).isEmpty();
        assertThat(ledger.subjects().entrySet().iterator().hasNext()).isFalse();
        assertThat(ledger.subjects().get("anyone")).isNull();
    }

    @Test
    void readersCannotChangeTheLedger() throws Exception {
        ledger = fill(List.of(part("alice", GRANTS.get(0), "get", 1, "x"), part("alice", null, "list", 2, "y")));
        SubjectUsage alice = ledger.subjects().get("alice");
        assertThatThrownBy(() -> ledger.subjects().put("bob", alice)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ledger.subjects().remove("alice")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> alice.used().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> alice.denied().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(ledger.subjects().get("alice").used()).hasSize(1);
    }

    private static List<Part> randomParts(Random random) {
        List<Part> parts = new ArrayList<>();
        int count = 50 + random.nextInt(400);
        for (int i = 0; i < count; i++) {
            String name =
                    random.nextInt(3) == 0 ? NAMES.get(random.nextInt(NAMES.size())) : "user-" + random.nextInt(40);
            GrantKey grant = random.nextInt(5) == 0 ? null : GRANTS.get(random.nextInt(GRANTS.size()));
            parts.add(part(
                    name,
                    grant,
                    VERBS.get(random.nextInt(VERBS.size())),
                    1 + random.nextInt(5),
                    "id-" + random.nextInt(1_000)));
        }
        return parts;
    }

    private static Part part(String name, GrantKey grant, String verb, long count, String sample) {
        RequestShape shape = new RequestShape(verb, "", "pods", "", "team", "", "");
        long first = 1_000 + sample.hashCode() % 500;
        return new Part(name, grant, shape, new ShapeUsage(count, first, first + count, List.of(sample)));
    }

    /** The sum of a subject's parts under one grant (or denied) and shape. */
    private record Sum(long count, long first, long last, List<String> samples) {}

    private static Map<String, Map<String, Sum>> expectedSums(List<Part> parts) {
        Map<String, Map<String, List<Part>>> grouped = new TreeMap<>();
        for (Part part : parts) {
            grouped.computeIfAbsent(part.username(), u -> new TreeMap<>())
                    .computeIfAbsent(label(part.grant(), part.shape()), k -> new ArrayList<>())
                    .add(part);
        }
        Map<String, Map<String, Sum>> sums = new TreeMap<>();
        grouped.forEach((name, entries) -> {
            Map<String, Sum> subject = new TreeMap<>();
            entries.forEach((label, list) -> {
                long count = 0;
                long first = Long.MAX_VALUE;
                long last = Long.MIN_VALUE;
                TreeSet<String> samples = new TreeSet<>();
                for (Part part : list) {
                    count += part.usage().count();
                    first = Math.min(first, part.usage().firstSeenMicros());
                    last = Math.max(last, part.usage().lastSeenMicros());
                    samples.addAll(part.usage().sampleAuditIDs());
                }
                subject.put(
                        label,
                        new Sum(
                                count,
                                first,
                                last,
                                samples.stream().limit(ShapeUsage.MAX_SAMPLES).toList()));
            });
            sums.put(name, subject);
        });
        return sums;
    }

    private static Map<String, Sum> sumsOf(SubjectUsage usage) {
        Map<String, Sum> sums = new TreeMap<>();
        usage.used()
                .forEach((grant, shapes) -> shapes.forEach((shape, used) -> sums.put(label(grant, shape), sum(used))));
        usage.denied().forEach((shape, denied) -> sums.put(label(null, shape), sum(denied)));
        return sums;
    }

    private static Sum sum(ShapeUsage usage) {
        return new Sum(usage.count(), usage.firstSeenMicros(), usage.lastSeenMicros(), usage.sampleAuditIDs());
    }

    private static String label(GrantKey grant, RequestShape shape) {
        return (grant == null ? "denied" : grant.toString()) + " " + shape;
    }
}
