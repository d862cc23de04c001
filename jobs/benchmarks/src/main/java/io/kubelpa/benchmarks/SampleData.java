package io.kubelpa.benchmarks;

import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.format.AuditRecordDecoder;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ManifestException;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.rbac.RbacSnapshot;
import io.kubelpa.rbac.SnapshotAssembler;
import io.kubelpa.samples.SampleClusterSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the benchmarks run on: the sample cluster's audit events, generated once per JVM, in log order,
 * and its RBAC (with the built-in roles and bindings, as {@code lpa analyze} reads it by default),
 * optionally with extra bindings that name subjects no event has.
 */
final class SampleData {
    /** Events the benchmarks cycle through: enough that the CPU caches do not hold them all. */
    static final int EVENTS = 20_000;

    private static List<byte[]> lines;
    private static List<AuditEvent> events;

    private SampleData() {}

    static synchronized List<byte[]> lines() {
        if (lines == null) {
            lines = generate();
        }
        return lines;
    }

    static synchronized List<AuditEvent> events() {
        if (events == null) {
            AuditRecordDecoder decoder = new AuditRecordDecoder();
            List<AuditEvent> decoded = new ArrayList<>();
            for (byte[] line : lines()) {
                decoded.addAll(decoder.decode(line).events());
            }
            events = List.copyOf(decoded);
        }
        return events;
    }

    /** The sample cluster's RBAC, the built-in policy and {@code extraBindings} bindings of subjects no event has. */
    static RbacSnapshot rbac(int extraBindings) {
        RbacObjects objects;
        try {
            objects = new ManifestReader()
                    .read(List.of(repositoryFile("sample-audit-logs/rbac")))
                    .objects();
        } catch (ManifestException e) {
            throw new IllegalStateException("the sample cluster's RBAC does not load: " + e.getMessage(), e);
        }
        RbacObjects.Builder extra = new RbacObjects.Builder();
        List<String> namespaces = events().stream()
                .map(e -> e.objectRef() == null ? "" : e.objectRef().namespace())
                .filter(n -> !n.isEmpty())
                .distinct()
                .sorted()
                .toList();
        for (int i = 0; i < extraBindings; i++) {
            if (i % 2 == 0) {
                extra.add(new ClusterRoleBindingBuilder()
                        .withNewMetadata()
                        .withName("extra-" + i)
                        .endMetadata()
                        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "view")
                        .addNewSubject()
                        .withKind(i % 4 == 0 ? "User" : "Group")
                        .withApiGroup("rbac.authorization.k8s.io")
                        .withName("extra-subject-" + i)
                        .endSubject()
                        .build());
            } else {
                String namespace = namespaces.isEmpty() ? "default" : namespaces.get(i % namespaces.size());
                extra.add(new RoleBindingBuilder()
                        .withNewMetadata()
                        .withName("extra-" + i)
                        .withNamespace(namespace)
                        .endMetadata()
                        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "edit")
                        .addNewSubject()
                        .withKind("ServiceAccount")
                        .withName("extra-sa-" + i)
                        .withNamespace(namespace)
                        .endSubject()
                        .build());
            }
        }
        return SnapshotAssembler.assemble(objects.plus(extra.build()), BuiltinMode.ROLES_AND_BINDINGS);
    }

    private static List<byte[]> generate() {
        try {
            Path dir = Files.createTempDirectory("lpa-jmh");
            try {
                new SampleClusterSimulator(42, 1, 36, true).write(dir);
                List<byte[]> read = new ArrayList<>();
                try (Stream<String> log = Files.lines(dir.resolve("audit/audit.log"))) {
                    log.limit(EVENTS).forEach(line -> read.add(line.getBytes(StandardCharsets.UTF_8)));
                }
                return List.copyOf(read);
            } finally {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of the repository, found from the working directory or one of its parents. */
    static Path repositoryFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException("run the benchmarks from the kube-lpa repository: " + relative + " not found");
    }
}
