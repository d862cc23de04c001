package io.kubelpa.audit;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.kubelpa.authz.SubjectRef;
import java.util.List;

/**
 * Whether the audit logs can show a grant being used: with an audit policy that drops some requests
 * (level None, or no response stage), their absence proves nothing.
 */
public interface Observability {
    Observability EVERYTHING = (subjects, namespace, rule) -> true;

    /** Whether every request {@code rule} allows these subjects in {@code namespace} ("" cluster-wide) is logged with its decision. */
    boolean observes(List<SubjectRef> subjects, String namespace, PolicyRule rule);
}
