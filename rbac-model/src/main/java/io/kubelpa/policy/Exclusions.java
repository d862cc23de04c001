package io.kubelpa.policy;

import io.kubelpa.authz.SubjectRef;
import io.kubelpa.findings.Finding;
import io.kubelpa.findings.FindingContext;
import io.kubelpa.proposal.Proposal;
import io.kubelpa.rbac.Glob;
import io.kubelpa.rbac.ObjectPattern;
import io.kubelpa.rbac.ObjectRef;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a policy takes out of the review: subjects, namespaces and objects. An excluded grant is
 * still part of the RBAC every proposal is proven against (so nothing it allows is lost), but it is
 * not reported and no proposal changes it. A binding is excluded when every subject it names is; a
 * role when every binding holding it is.
 */
public record Exclusions(List<SubjectPattern> subjects, List<Glob> namespaces, List<ObjectPattern> objects) {
    public static final Exclusions NONE = new Exclusions(List.of(), List.of(), List.of());

    public Exclusions {
        subjects = List.copyOf(subjects);
        namespaces = List.copyOf(namespaces);
        objects = List.copyOf(objects);
    }

    public boolean isEmpty() {
        return subjects.isEmpty() && namespaces.isEmpty() && objects.isEmpty();
    }

    /** Why the finding is excluded, if it is. */
    public Optional<String> why(Finding finding, FindingContext context) {
        if (finding.subject() != null) {
            Optional<String> subject = why(finding.subject());
            if (subject.isPresent()) {
                return subject;
            }
        }
        if (finding.binding() != null) {
            return why(finding.binding(), context::subjectsOf);
        }
        if (finding.role() != null) {
            Optional<String> role = why(finding.role(), context::subjectsOf);
            if (role.isPresent()) {
                return role;
            }
            List<ObjectRef> holding = context.holdingBindings(finding);
            if (!holding.isEmpty()
                    && holding.stream()
                            .allMatch(b -> why(b, context::subjectsOf).isPresent())) {
                return Optional.of("every binding holding " + finding.role() + " is excluded");
            }
        }
        return Optional.empty();
    }

    /** Why the object is excluded, if it is: by name, by namespace, or (a binding) by all its subjects. */
    public Optional<String> why(ObjectRef ref, Function<ObjectRef, List<SubjectRef>> subjectsOf) {
        for (ObjectPattern pattern : objects) {
            if (pattern.matches(ref)) {
                return Optional.of("exclude.objects " + pattern);
            }
        }
        for (Glob namespace : namespaces) {
            if (ref.namespaced() && namespace.matches(ref.namespace())) {
                return Optional.of("exclude.namespaces " + namespace);
            }
        }
        List<SubjectRef> named = subjectsOf.apply(ref);
        if (!subjects.isEmpty() && !named.isEmpty() && named.stream().allMatch(s -> why(s).isPresent())) {
            return Optional.of("exclude.subjects: every subject of " + ref);
        }
        return Optional.empty();
    }

    /** Why a proposal must be withheld: one reason per excluded object it would change. */
    public List<String> reasons(Proposal proposal, FindingContext context) {
        java.util.SortedSet<ObjectRef> changed = new java.util.TreeSet<>(proposal.deletions());
        proposal.upserts().forEach(object -> changed.add(ObjectRef.of(object)));
        return changed.stream()
                .flatMap(ref -> why(ref, context::subjectsOf)
                        .map(why -> "it would change " + ref + ", excluded by the policy (" + why + ")")
                        .stream())
                .toList();
    }

    private Optional<String> why(SubjectRef subject) {
        for (SubjectPattern pattern : subjects) {
            if (pattern.matches(subject)) {
                return Optional.of("exclude.subjects " + pattern);
            }
        }
        for (Glob namespace : namespaces) {
            if (!subject.namespace().isEmpty() && namespace.matches(subject.namespace())) {
                return Optional.of("exclude.namespaces " + namespace);
            }
        }
        return Optional.empty();
    }
}
