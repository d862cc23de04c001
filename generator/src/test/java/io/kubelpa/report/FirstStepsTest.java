package io.kubelpa.report;

import static io.kubelpa.report.ReportRows.finding;
import static io.kubelpa.report.ReportRows.model;
import static io.kubelpa.report.ReportRows.proposal;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.rbac.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FirstStepsTest {
    private static final String EDIT = "ClusterRole/edit";
    private static final String DEVS = "RoleBinding/payments/devs";
    private static final String ADMINS = "ClusterRoleBinding/admins";

    @Test
    void unusedEscalationPronGrantsComeFirstThenCriticalBeforeHigh() {
        List<ReportModel.FindingRow> findings = List.of(
                finding("ESCALATION_PRONE", "critical", true, ADMINS, "ClusterRole/cluster-admin", List.of()),
                finding("UNUSED_BINDING", "medium", null, "RoleBinding/payments/idle", EDIT, List.of()),
                finding("ESCALATION_PRONE", "high", false, null, "ClusterRole/ops", List.of("ClusterRoleBinding/ops")),
                finding("ESCALATION_PRONE", "critical", false, null, EDIT, List.of(DEVS)));
        List<FirstSteps.Step> steps = FirstSteps.of(model(findings, List.of()));

        assertThat(steps)
                .extracting(s ->
                        s.answers().get(0).severity() + " " + s.answers().get(0).used())
                .containsExactly("critical false", "high false", "critical true", "medium null");
        assertThat(steps).allSatisfy(s -> assertThat(s.proposal()).isNull());
        assertThat(steps.get(0).title()).isEqualTo("Change " + EDIT);
        assertThat(steps.get(0).remediation()).isEqualTo("remediation of ESCALATION_PRONE");
    }

    @Test
    void findingsTheSameProposalAnswersShareOneStepAndTheMostDirectProposalAnswers() {
        ReportModel.FindingRow edit0 = finding("ESCALATION_PRONE", "high", false, null, EDIT, List.of(DEVS));
        ReportModel.FindingRow edit1 = finding("ESCALATION_PRONE", "medium", false, null, EDIT, List.of(DEVS));
        ReportModel.FindingRow idle =
                finding("UNUSED_BINDING", "medium", null, "RoleBinding/payments/idle", EDIT, List.of());
        ReportModel.ProposalRow dedicated = proposal("dedicated", DEVS, false, List.of());
        ReportModel.ProposalRow delete = proposal(
                "delete", "RoleBinding/payments/idle", true, List.of(ObjectRef.roleBinding("payments", "idle")));
        ReportModel.ProposalRow tighten = proposal("tighten", EDIT, true, List.of());

        List<FirstSteps.Step> steps =
                FirstSteps.of(model(List.of(edit0, edit1, idle), List.of(dedicated, delete, tighten)));

        // The role's own tightening changes edit's rules more directly than a binding holding them.
        assertThat(steps).extracting(s -> s.proposal().id()).containsExactly("tighten", "delete");
        assertThat(steps.get(0).answers()).containsExactly(edit0, edit1);
        assertThat(steps.get(0).answersSummary()).isEqualTo("1 high, 1 medium; 2 never used");
        assertThat(steps.get(1).commands())
                .containsExactly(
                        "lpa pr --from . --repo YOUR-MANIFESTS-REPO --dry-run",
                        "kubectl delete rolebinding/idle --namespace=payments");
    }

    @Test
    void aStepListsItsAnswersMostSevereFirstThoughTheStepsAreRankedByUnusedFirst() {
        ReportModel.FindingRow usedCritical = finding("ESCALATION_PRONE", "critical", true, null, EDIT, List.of(DEVS));
        ReportModel.FindingRow unusedHigh = finding("ESCALATION_PRONE", "high", false, null, EDIT, List.of(DEVS));
        ReportModel.FindingRow unusedCritical =
                finding("ESCALATION_PRONE", "critical", false, null, "ClusterRole/ops", List.of(ADMINS));

        List<FirstSteps.Step> steps =
                FirstSteps.of(model(List.of(usedCritical, unusedHigh, unusedCritical), List.of()));

        assertThat(steps).extracting(FirstSteps.Step::object).containsExactly("ClusterRole/ops", EDIT);
        assertThat(steps.get(1).answers()).containsExactly(usedCritical, unusedHigh);
        assertThat(steps.get(1).answersSummary()).isEqualTo("1 critical, 1 high; 1 never used");
    }

    @Test
    void aStepsRemediationIsTheOneOfTheFindingItListsFirst() {
        ReportModel.FindingRow unusedHighEscalation = finding("ESCALATION_PRONE", "high", false, DEVS, EDIT, List.of());
        ReportModel.FindingRow criticalOther = finding("UNUSED_BINDING", "critical", null, DEVS, EDIT, List.of());

        List<FirstSteps.Step> steps = FirstSteps.of(model(List.of(unusedHighEscalation, criticalOther), List.of()));

        assertThat(steps).hasSize(1);
        assertThat(steps.get(0).answers()).containsExactly(criticalOther, unusedHighEscalation);
        assertThat(steps.get(0).remediation()).isEqualTo("remediation of UNUSED_BINDING");
    }

    @Test
    void aWithheldProposalHasNoCommandsAndHostileNamesStayOneShellWord() {
        ReportModel.FindingRow unused =
                finding("UNUSED_BINDING", "medium", null, "ClusterRoleBinding/x; rm -rf ~", null, List.of());
        ReportModel.ProposalRow verified = proposal(
                "delete", "ClusterRoleBinding/x; rm -rf ~", true, List.of(ObjectRef.clusterRoleBinding("x; rm -rf ~")));
        assertThat(FirstSteps.of(model(List.of(unused), List.of(verified)))
                        .get(0)
                        .commands())
                .contains("kubectl delete 'clusterrolebinding/x; rm -rf ~'");
        ReportModel.ProposalRow withheld = proposal(
                "delete",
                "ClusterRoleBinding/x; rm -rf ~",
                false,
                List.of(ObjectRef.clusterRoleBinding("x; rm -rf ~")));
        assertThat(FirstSteps.of(model(List.of(unused), List.of(withheld)))
                        .get(0)
                        .commands())
                .isEmpty();
    }

    @Test
    void aNameThatLooksLikeAFlagStaysTheObjectsNameAndFilesAreReconciledFromTheReviewsFolder() {
        ReportModel.FindingRow unused =
                finding("UNUSED_BINDING", "medium", null, "RoleBinding/-n/--all", null, List.of());
        ReportModel.ProposalRow delete =
                proposal("delete", "RoleBinding/-n/--all", true, List.of(ObjectRef.roleBinding("-n", "--all")));
        assertThat(FirstSteps.of(model(List.of(unused), List.of(delete))).get(0).commands())
                .contains("kubectl delete rolebinding/--all --namespace=-n")
                .noneMatch(command -> command.matches(".* --all( .*)?$") || command.contains(" -n "));
        ReportModel.FindingRow edit = finding("ESCALATION_PRONE", "high", false, null, EDIT, List.of(DEVS));
        ReportModel.ProposalRow rebind = new ReportModel.ProposalRow(
                "dedicated",
                "DEDICATED_ROLE",
                DEVS,
                List.of(),
                "bind a dedicated role",
                "proposed",
                List.of(),
                List.of(),
                1,
                1,
                0,
                true,
                Map.of("proposals/rolebinding.payments.devs.yaml", "kind: RoleBinding"),
                List.of());
        assertThat(FirstSteps.of(model(List.of(edit), List.of(rebind))).get(0).commands())
                .contains("kubectl auth reconcile --remove-extra-permissions --remove-extra-subjects -f"
                        + " proposals/rolebinding.payments.devs.yaml")
                .noneMatch(command -> command.contains("/tmp") || command.contains("kubectl apply"));
    }

    @Test
    void atMostFiveStepsAndNoneWithoutFindingsToActOn() {
        List<ReportModel.FindingRow> many = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            many.add(finding("UNUSED_BINDING", "medium", null, "ClusterRoleBinding/b" + i, null, List.of()));
        }
        assertThat(FirstSteps.of(model(many, List.of()))).hasSize(FirstSteps.MAX_STEPS);
        assertThat(FirstSteps.of(model(List.of(), List.of()))).isEmpty();
        assertThat(FirstSteps.of(
                        model(List.of(finding("DENIED_REQUESTS", "low", null, null, null, List.of())), List.of())))
                .as("denied requests are access a subject lacks, not risk to remove")
                .isEmpty();
    }
}
