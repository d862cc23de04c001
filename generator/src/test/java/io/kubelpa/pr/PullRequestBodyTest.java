package io.kubelpa.pr;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.rbac.ObjectRef;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PullRequestBodyTest {
    private static PullRequestBody.Change change(int i, boolean applied) {
        AcceptedProposal proposal = new AcceptedProposal(
                "p" + i,
                "TIGHTEN_ROLE",
                ObjectRef.clusterRole("role-" + i),
                "Tighten ClusterRole/role-" + i,
                List.of(),
                List.of(),
                List.of("verbs=* groups=* resources=*"),
                1,
                1,
                true,
                List.of());
        return new PullRequestBody.Change(proposal, applied, applied ? "" : "a Helm chart's", List.of());
    }

    @Test
    void aDescriptionOverTheHostsLimitBecomesAPointerToTheFullOneInTheBranch() {
        List<PullRequestBody.Change> changes =
                IntStream.range(0, 3).mapToObj(i -> change(i, i < 2)).toList();
        PullRequestBody body = new PullRequestBody();
        String small = PullRequestBody.MARKER + "\nsmall";
        assertThat(body.fitting(small, changes)).isSameAs(small);

        String huge = PullRequestBody.MARKER + "\n" + "| row |\n".repeat(PullRequestBody.MAX_LENGTH / 4);
        String fitted = body.fitting(huge, changes);
        assertThat(fitted.length()).isLessThan(PullRequestBody.MAX_LENGTH);
        assertThat(fitted)
                .startsWith(PullRequestBody.MARKER)
                .contains("proposes 2 changes")
                .contains("(1 more could not be applied)")
                .contains("`" + PullRequestBody.FULL_BODY_FILE + "` in this branch");
    }
}
