package io.kubelpa.job;

import io.kubelpa.authz.SubjectRef;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.usage.GrantKey;
import io.kubelpa.usage.RequestShape;
import io.kubelpa.usage.ShapeUsage;
import io.kubelpa.usage.UsageRecord;
import java.util.Arrays;
import java.util.List;

/**
 * A ledger entry between operators, flat so it needs no general-purpose serializer: a subject used
 * a grant (or was denied, when {@code bindingKind} is empty) for a request shape, how often, when
 * first and last, with sample auditIDs.
 */
public final class UsageFact {
    public String username;
    public String bindingKind = "";
    public String bindingName = "";
    public String bindingNamespace = "";
    public String roleKind = "";
    public String roleName = "";
    public String roleNamespace = "";
    public int ruleIndex = -1;
    public String subjectKind = "";
    public String subjectName = "";
    public String subjectNamespace = "";
    public String verb;
    public String apiGroup;
    public String resource;
    public String subresource;
    public String namespace;
    public String resourceName;
    public String nonResourceURL;
    public long count;
    public long firstSeenMicros;
    public long lastSeenMicros;
    public String[] samples;

    public UsageFact() {}

    public static UsageFact of(UsageRecord record) {
        UsageFact fact = new UsageFact();
        fact.username = record.username();
        if (!record.denied()) {
            GrantKey grant = record.grant();
            fact.bindingKind = grant.binding().kind();
            fact.bindingName = grant.binding().name();
            fact.bindingNamespace = grant.binding().namespace();
            fact.roleKind = grant.role().kind();
            fact.roleName = grant.role().name();
            fact.roleNamespace = grant.role().namespace();
            fact.ruleIndex = grant.ruleIndex();
            fact.subjectKind = grant.subject().kind();
            fact.subjectName = grant.subject().name();
            fact.subjectNamespace = grant.subject().namespace();
        }
        RequestShape shape = record.shape();
        fact.verb = shape.verb();
        fact.apiGroup = shape.apiGroup();
        fact.resource = shape.resource();
        fact.subresource = shape.subresource();
        fact.namespace = shape.namespace();
        fact.resourceName = shape.resourceName();
        fact.nonResourceURL = shape.nonResourceURL();
        fact.count = 1;
        fact.firstSeenMicros = record.timeMicros();
        fact.lastSeenMicros = record.timeMicros();
        fact.samples = new String[] {record.auditID()};
        return fact;
    }

    /** The identity of the entry within its subject: grant and shape. */
    public String key() {
        return String.join("\u0000", bindingKind, bindingNamespace, bindingName, roleKind, roleNamespace, roleName,
                Integer.toString(ruleIndex), subjectKind, subjectNamespace, subjectName, verb, apiGroup, resource, subresource, namespace, resourceName, nonResourceURL);
    }

    public boolean denied() {
        return bindingKind.isEmpty();
    }

    public GrantKey grant() {
        return denied() ? null : new GrantKey(new ObjectRef(bindingKind, bindingName, bindingNamespace),
                new ObjectRef(roleKind, roleName, roleNamespace), ruleIndex,
                new SubjectRef(subjectKind, subjectName, subjectNamespace));
    }

    public RequestShape shape() {
        return new RequestShape(verb, apiGroup, resource, subresource, namespace, resourceName, nonResourceURL);
    }

    public ShapeUsage usage() {
        return new ShapeUsage(count, firstSeenMicros, lastSeenMicros, Arrays.asList(samples));
    }

    /** Adds another entry of the same key. */
    public UsageFact plus(UsageFact other) {
        ShapeUsage merged = usage().plus(other.usage());
        UsageFact sum = copy();
        sum.count = merged.count();
        sum.firstSeenMicros = merged.firstSeenMicros();
        sum.lastSeenMicros = merged.lastSeenMicros();
        List<String> samples = merged.sampleAuditIDs();
        sum.samples = samples.toArray(String[]::new);
        return sum;
    }

    private UsageFact copy() {
        UsageFact copy = new UsageFact();
        copy.username = username;
        copy.bindingKind = bindingKind;
        copy.bindingName = bindingName;
        copy.bindingNamespace = bindingNamespace;
        copy.roleKind = roleKind;
        copy.roleName = roleName;
        copy.roleNamespace = roleNamespace;
        copy.ruleIndex = ruleIndex;
        copy.subjectKind = subjectKind;
        copy.subjectName = subjectName;
        copy.subjectNamespace = subjectNamespace;
        copy.verb = verb;
        copy.apiGroup = apiGroup;
        copy.resource = resource;
        copy.subresource = subresource;
        copy.namespace = namespace;
        copy.resourceName = resourceName;
        copy.nonResourceURL = nonResourceURL;
        copy.count = count;
        copy.firstSeenMicros = firstSeenMicros;
        copy.lastSeenMicros = lastSeenMicros;
        copy.samples = samples;
        return copy;
    }
}
