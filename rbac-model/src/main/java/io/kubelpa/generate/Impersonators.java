package io.kubelpa.generate;

import io.kubelpa.rbac.RbacKind;
import io.kubelpa.usage.RequestShape;
import io.kubelpa.usage.SubjectLedger;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Who made requests as whom ({@code kubectl --as}), as far as the ledger names it: an impersonator's
 * {@code impersonate} use on a named user or service account. Where only an unnamed RBAC rule allowed
 * the impersonation, the ledger keeps no name, and the pair is not known.
 */
public final class Impersonators {
    private Impersonators() {}

    /** Per impersonated subject, the user names that impersonated it. */
    public static Map<GeneratedSubject, SortedSet<String>> in(SubjectLedger ledger) {
        Map<GeneratedSubject, SortedSet<String>> byTarget = new HashMap<>();
        ledger.subjects().forEach((impersonator, usage) -> {
            usage.used().values().forEach(shapes -> shapes.keySet()
                    .forEach(shape -> add(byTarget, impersonator, shape)));
            usage.outsideRbac().values().forEach(shapes -> shapes.keySet()
                    .forEach(shape -> add(byTarget, impersonator, shape)));
        });
        return byTarget;
    }

    private static void add(
            Map<GeneratedSubject, SortedSet<String>> byTarget, String impersonator, RequestShape shape) {
        if (!"impersonate".equals(shape.verb())
                || !shape.apiGroup().isEmpty()
                || shape.resourceName().isEmpty()) {
            return;
        }
        GeneratedSubject target =
                switch (shape.resource()) {
                    case "users" -> GeneratedSubject.ofUsername(shape.resourceName());
                    case "serviceaccounts" ->
                        shape.namespace().isEmpty()
                                ? null
                                : new GeneratedSubject(
                                        RbacKind.SERVICE_ACCOUNT, shape.resourceName(), shape.namespace());
                    default -> null;
                };
        if (target != null) {
            byTarget.computeIfAbsent(target, t -> new TreeSet<>()).add(impersonator);
        }
    }

    /** The note written beside a subject's generated roles. */
    public static String note(SortedSet<String> impersonators) {
        return "requests as this subject were made by impersonation (kubectl --as) too, by "
                + String.join(", ", impersonators)
                + ": they are generated for this subject; each impersonator's own role carries its impersonate right";
    }
}
