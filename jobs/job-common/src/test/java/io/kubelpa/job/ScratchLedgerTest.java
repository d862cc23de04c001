package io.kubelpa.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.authz.SubjectRef;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.usage.GrantKey;
import io.kubelpa.usage.InMemoryUsageLedger;
import io.kubelpa.usage.RequestShape;
import io.kubelpa.usage.UsageRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scratch ledger reads back exactly the in-memory ledger of the same usage, in its order, and leaves nothing behind. */
class ScratchLedgerTest {
    private static final GrantKey READER = new GrantKey(
            ObjectRef.roleBinding("team", "app"),
            ObjectRef.clusterRole("reader"),
            0,
            new SubjectRef("Group", "devs", ""));
    private static final GrantKey WRITER = new GrantKey(
            ObjectRef.clusterRoleBinding("all"),
            ObjectRef.clusterRole("writer"),
            1,
            new SubjectRef("Group", "system:authenticated", ""));

    @TempDir
    Path scratch;

    @Test
    void subjectsComeBackWholeInStringOrderWhateverTheirNamesHold() throws Exception {
        // Names that a plain byte order or a separator would get wrong: prefixes of each other, NUL,
        // characters past the BMP (UTF-16 order differs from UTF-8 order there), the separator's neighbours.
        List<String> names = new ArrayList<>(List.of(
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
                "b\u00ff"));
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            names.add("user-" + random.nextInt(50));
        }
        InMemoryUsageLedger expected = new InMemoryUsageLedger();
        try (ScratchLedger store = new ScratchLedger(scratch)) {
            int at = 0;
            for (String name : names) {
                for (UsageRecord record : List.of(
                        new UsageRecord(name, READER, shape("get", "pods", "web-" + (at % 3)), 1_000 + at, "id-" + at),
                        new UsageRecord(name, WRITER, shape("update", "configmaps", ""), 2_000 + at, "id-w" + at),
                        new UsageRecord(name, null, shape("delete", "secrets", ""), 3_000 + at, "id-d" + at))) {
                    expected.add(record);
                    // every use its own entry: the store adds up a subject's entries of the same grant and shape
                    store.add(UsageFact.of(record));
                }
                at++;
            }

            assertThat(new ArrayList<>(store.subjects().keySet()))
                    .containsExactlyElementsOf(expected.subjects().keySet());
            assertThat(new TreeMap<>(store.subjects()))
                    .usingRecursiveComparison()
                    .isEqualTo(expected.subjects());
            assertThat(store.subjects()).hasSameSizeAs(expected.subjects());
            assertThat(store.subjects().containsKey("a\u0000b")).isTrue();
            assertThat(store.subjects().containsKey("a\u0000")).isFalse();
            assertThat(store.subjects().get("ab"))
                    .usingRecursiveComparison()
                    .isEqualTo(expected.subjects().get("ab"));
            assertThat(store.subjects().get("nobody")).isNull();
            // an iteration left half way must not keep the store from closing
            assertThat(store.subjects().entrySet().iterator().next().getKey()).isEmpty();
        }
        try (var left = Files.list(scratch)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anEmptyStoreHasNoSubjects() throws Exception {
        try (ScratchLedger store = new ScratchLedger(scratch)) {
            assertThat(store.subjects()).isEmpty();
            assertThat(store.subjects().entrySet().iterator().hasNext()).isFalse();
        }
    }

    private static RequestShape shape(String verb, String resource, String name) {
        return new RequestShape(verb, "", resource, "", "team", name, "");
    }
}
