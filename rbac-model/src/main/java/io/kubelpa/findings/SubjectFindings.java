package io.kubelpa.findings;

import io.kubelpa.audit.Timestamps;
import io.kubelpa.authz.SubjectRef;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacKind;
import io.kubelpa.tightening.BoundRole;
import io.kubelpa.usage.RequestShape;
import io.kubelpa.usage.ShapeUsage;
import io.kubelpa.usage.SubjectUsage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Findings about subjects: bound but silent for the whole window; or refused requests. */
final class SubjectFindings {
    private static final int SHAPES_SHOWN = 5;

    private SubjectFindings() {}

    static List<Finding> of(FindingContext context) {
        List<Finding> findings = new ArrayList<>(dormant(context));
        findings.addAll(denied(context));
        return findings;
    }

    private static List<Finding> dormant(FindingContext context) {
        Map<SubjectRef, Set<ObjectRef>> bindingsBySubject = new TreeMap<>(Comparator.comparing(SubjectRef::kind)
                .thenComparing(SubjectRef::namespace)
                .thenComparing(SubjectRef::name));
        for (BoundRole bound : context.userBindings()) {
            bound.subjectRefs().forEach(s -> bindingsBySubject
                    .computeIfAbsent(s, k -> new TreeSet<>())
                    .add(bound.binding()));
        }
        Set<SubjectRef> groupsUsed = new HashSet<>();
        context.ledger().subjects().values().forEach(u -> u.used().keySet().forEach(g -> groupsUsed.add(g.subject())));
        List<Finding> findings = new ArrayList<>();
        bindingsBySubject.forEach((subject, bindings) -> {
            boolean active =
                    switch (subject.kind()) {
                        case RbacKind.USER -> context.ledger().subjects().containsKey(subject.name());
                        case RbacKind.SERVICE_ACCOUNT ->
                            context.ledger()
                                    .subjects()
                                    .containsKey("system:serviceaccount:" + subject.namespace() + ":" + subject.name());
                        case RbacKind.GROUP_SUBJECT -> groupsUsed.contains(subject);
                        default -> true;
                    };
            if (active) {
                return;
            }
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("bindings", bindings.stream().map(ObjectRef::toString).toList());
            evidence.put("window", context.confidence().window().toString());
            findings.add(new Finding(
                    FindingType.DORMANT_SUBJECT,
                    FindingType.DORMANT_SUBJECT.defaultSeverity(),
                    null,
                    subject,
                    null,
                    null,
                    null,
                    subject + " is bound by " + bindings.size() + " binding(s) but made no request"
                            + (RbacKind.GROUP_SUBJECT.equals(subject.kind()) ? " through them" : "")
                            + " in the window.",
                    "Remove it from its bindings if it is gone; keep it if it is a break-glass identity.",
                    evidence,
                    context.confidence().of(bindings)));
        });
        return findings;
    }

    /** A subject's refusals finding, with what ranks it. */
    private record Refused(String username, long requests, Finding finding) {}

    private static List<Finding> denied(FindingContext context) {
        PriorityQueue<Refused> most = new PriorityQueue<>(Comparator.comparingLong(Refused::requests)
                .thenComparing(Refused::username, Comparator.reverseOrder()));
        long[] left = {0, 0};
        context.ledger().subjects().forEach((username, usage) -> {
            if (usage.denied().isEmpty()) {
                return;
            }
            long requests = usage.denied().values().stream()
                    .mapToLong(ShapeUsage::count)
                    .sum();
            most.add(new Refused(username, requests, deniedFinding(context, username, usage)));
            if (most.size() > FindingsOptions.MAX_DENIED_SUBJECTS) {
                left[0]++;
                left[1] += most.poll().requests();
            }
        });
        List<Finding> findings = new ArrayList<>(most.stream()
                .sorted(Comparator.comparing(Refused::username))
                .map(Refused::finding)
                .toList());
        if (left[0] > 0) {
            findings.add(deniedElsewhere(context, left[0], left[1]));
        }
        return findings;
    }

    private static Finding deniedElsewhere(FindingContext context, long subjects, long requests) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("subjects", subjects);
        evidence.put("requests", requests);
        evidence.put("window", context.confidence().window().toString());
        return new Finding(
                FindingType.DENIED_REQUESTS,
                FindingType.DENIED_REQUESTS.defaultSeverity(),
                null,
                null,
                null,
                null,
                null,
                subjects + " more subject(s) were refused " + requests + " request(s) in the window; the "
                        + FindingsOptions.MAX_DENIED_SUBJECTS + " refused most have a finding each.",
                "See usage.json: it lists every subject's refused requests.",
                evidence,
                Confidence.HIGH);
    }

    private static Finding deniedFinding(FindingContext context, String username, SubjectUsage usage) {
        long total =
                usage.denied().values().stream().mapToLong(ShapeUsage::count).sum();
        List<Map.Entry<RequestShape, ShapeUsage>> top = usage.denied().entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<RequestShape, ShapeUsage> e) ->
                                -e.getValue().count())
                        .thenComparing(Map.Entry::getKey))
                .limit(SHAPES_SHOWN)
                .toList();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("requests", total);
        evidence.put("shapes", usage.denied().size());
        evidence.put(
                "top",
                top.stream()
                        .map(e -> describe(e.getKey()) + " x" + e.getValue().count())
                        .toList());
        evidence.put(
                "lastDenied",
                Timestamps.format(usage.denied().values().stream()
                        .mapToLong(ShapeUsage::lastSeenMicros)
                        .max()
                        .orElse(0)));
        return new Finding(
                FindingType.DENIED_REQUESTS,
                FindingType.DENIED_REQUESTS.defaultSeverity(),
                null,
                subjectOf(username),
                null,
                null,
                null,
                username + " was refused " + total + " request(s) of "
                        + usage.denied().size() + " kind(s) in the window.",
                "Grant what it legitimately needs, or find out why it is probing.",
                evidence,
                Confidence.HIGH);
    }

    static SubjectRef subjectOf(String username) {
        io.kubelpa.authz.UserInfo.ServiceAccountName account =
                io.kubelpa.authz.UserInfo.ServiceAccountName.parse(username);
        return account != null
                ? new SubjectRef(RbacKind.SERVICE_ACCOUNT, account.name(), account.namespace())
                : new SubjectRef(RbacKind.USER, username, "");
    }

    static String describe(RequestShape shape) {
        if (shape.isNonResource()) {
            return shape.verb() + " " + shape.nonResourceURL();
        }
        String resource = (shape.apiGroup().isEmpty() ? "" : shape.apiGroup() + "/")
                + shape.resource()
                + (shape.subresource().isEmpty() ? "" : "/" + shape.subresource());
        return shape.verb() + " " + resource
                + (shape.namespace().isEmpty() ? " (cluster)" : " in " + shape.namespace());
    }
}
