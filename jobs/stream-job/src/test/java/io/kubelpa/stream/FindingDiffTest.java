package io.kubelpa.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.authz.SubjectRef;
import io.kubelpa.findings.Confidence;
import io.kubelpa.findings.Finding;
import io.kubelpa.findings.FindingType;
import io.kubelpa.rbac.ObjectRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingDiffTest {
    private static final Finding UNUSED = finding(FindingType.UNUSED_BINDING, "alice", "unused");
    private static final Finding DENIED = finding(FindingType.DENIED_REQUESTS, "bob", "denied");

    @Test
    void theFirstReviewPublishesEveryFindingAndNoTombstones() {
        FindingDiff diff = FindingDiff.between(List.of(), List.of(UNUSED, DENIED));
        assertThat(diff.records()).extracting(r -> r.key).containsExactly(UNUSED.key(), DENIED.key());
        assertThat(diff.records()).allSatisfy(r -> assertThat(r.json).contains("\"type\""));
        assertThat(diff.open()).containsExactly(UNUSED.key(), DENIED.key());
    }

    @Test
    void aFindingThatClearedGetsATombstoneAndOneStillOpenIsUpsertedAgain() {
        FindingDiff diff = FindingDiff.between(List.of(UNUSED.key(), DENIED.key()), List.of(DENIED));
        assertThat(diff.records())
                .extracting(r -> r.key, r -> r.json == null)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(DENIED.key(), false),
                        org.assertj.core.groups.Tuple.tuple(UNUSED.key(), true));
        assertThat(diff.open()).containsExactly(DENIED.key());
    }

    @Test
    void aFindingTwiceInOneReviewIsPublishedOnceAsFirstSeen() {
        Finding again = finding(FindingType.UNUSED_BINDING, "alice", "a second message");
        FindingDiff diff = FindingDiff.between(List.of(), List.of(UNUSED, again));
        assertThat(diff.records()).hasSize(1);
        assertThat(diff.records().get(0).json).contains("unused").doesNotContain("a second message");
    }

    @Test
    void anEmptyReviewClearsEverythingThatWasOpen() {
        FindingDiff diff = FindingDiff.between(List.of(UNUSED.key()), List.of());
        assertThat(diff.records()).singleElement().satisfies(r -> {
            assertThat(r.key).isEqualTo(UNUSED.key());
            assertThat(r.json).isNull();
        });
        assertThat(diff.open()).isEmpty();
    }

    @Test
    void subjectsWhoseNamesHoldTheKeysSeparatorKeepFindingsOfTheirOwn() {
        Finding pipe = finding(FindingType.UNUSED_BINDING, "a|", "one");
        Finding other = new Finding(
                FindingType.UNUSED_BINDING,
                FindingType.UNUSED_BINDING.defaultSeverity(),
                null,
                new SubjectRef("User", "a", ""),
                ObjectRef.roleBinding("team", "|x"),
                null,
                null,
                "two",
                "",
                Map.of(),
                Confidence.HIGH);
        assertThat(pipe.key()).isNotEqualTo(other.key());
        assertThat(FindingDiff.between(List.of(), List.of(pipe, other)).records())
                .hasSize(2);
    }

    private static Finding finding(FindingType type, String user, String message) {
        return new Finding(
                type,
                type.defaultSeverity(),
                null,
                new SubjectRef("User", user, ""),
                ObjectRef.roleBinding("team", "app"),
                null,
                null,
                message,
                "",
                Map.of(),
                Confidence.HIGH);
    }
}
