package io.kubelpa.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.authz.SubjectRef;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.usage.GrantKey;
import io.kubelpa.usage.RequestShape;
import io.kubelpa.usage.UsageRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the scratch store promises beyond the ledger contract ({@link ScratchLedgerContractTest}): it is
 * scratch data, deleted when closed, even with an iteration left half way.
 */
class ScratchLedgerTest {
    private static final GrantKey READER = new GrantKey(
            ObjectRef.roleBinding("team", "app"),
            ObjectRef.clusterRole("reader"),
            0,
            new SubjectRef("Group", "devs", ""));

    @TempDir
    Path scratch;

    @Test
    void closingLeavesNothingBehindEvenWithAnIterationLeftHalfWay() throws Exception {
        try (ScratchLedger store = new ScratchLedger(scratch)) {
            for (String name : new String[] {"alice", "bob", "carol"}) {
                store.add(UsageFact.of(new UsageRecord(
                        name, READER, new RequestShape("get", "", "pods", "", "team", "", ""), 1_000, "id-" + name)));
            }
            assertThat(store.subjects().entrySet().iterator().next().getKey()).isEqualTo("alice");
            try (var inside = Files.list(scratch)) {
                assertThat(inside).as("the store's own folder").hasSize(1);
            }
        }
        try (var left = Files.list(scratch)) {
            assertThat(left).isEmpty();
        }
    }
}
