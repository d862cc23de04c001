package io.kubelpa.policy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubelpa.rbac.ObjectPattern;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Acceptances written on the RBAC objects themselves: the annotation {@code kube-lpa.io/accept},
 * one {@code FINDING: reason} per line (a finding type or catalog id), accepts those findings on
 * that object. An entry that cannot be read is not applied, and a note says so.
 */
public final class AcceptAnnotations {
    public static final String ANNOTATION = "kube-lpa.io/accept";

    private final List<SuppressionRule> rules = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private AcceptAnnotations() {}

    public static AcceptAnnotations of(RbacSnapshot snapshot) {
        AcceptAnnotations accepted = new AcceptAnnotations();
        List.of(snapshot.clusterRoles(), snapshot.roles(), snapshot.clusterRoleBindings(), snapshot.roleBindings())
                .forEach(objects -> objects.forEach(accepted::read));
        return accepted;
    }

    public List<SuppressionRule> rules() {
        return List.copyOf(rules);
    }

    /** One line per entry that was not applied, naming the object. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    private void read(HasMetadata object) {
        if (object.getMetadata() == null || object.getMetadata().getAnnotations() == null) {
            return;
        }
        String value = object.getMetadata().getAnnotations().get(ANNOTATION);
        if (value == null) {
            return;
        }
        ObjectRef ref = ObjectRef.of(object);
        String source = "annotation " + ANNOTATION + " on " + ref;
        if (ref.name().contains("*") || ref.namespace().contains("*")) {
            // The rule names its object as a pattern, in which a star would also match other objects.
            problems.add(source + ": a name with '*' cannot be matched exactly; not applied");
            return;
        }
        for (String line : value.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            String finding = colon < 0 ? line.strip() : line.substring(0, colon).strip();
            String reason = colon < 0 ? "" : line.substring(colon + 1).strip();
            if (reason.isEmpty()) {
                problems.add(source + ": '" + finding + "' gives no reason (write FINDING: reason); not applied");
            } else if (!PolicyReader.knownFinding(finding)) {
                problems.add(source + ": '" + finding + "' is neither a finding type nor a catalog id; not applied");
            } else {
                rules.add(new SuppressionRule(finding, ObjectPattern.parse(ref.toString()), reason, null, source));
            }
        }
    }
}
