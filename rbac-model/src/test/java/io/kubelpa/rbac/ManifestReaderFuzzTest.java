package io.kubelpa.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.ObjectReference;
import io.kubelpa.audit.Stage;
import io.kubelpa.authz.UserInfo;
import io.kubelpa.usage.RbacTimeline;
import io.kubelpa.usage.UsageAttributor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Hostile variations of the sample cluster's RBAC manifests — cut short, values of the wrong type or
 * shape, odd names, characters YAML treats specially — are either read or refused with a
 * {@link ManifestException} (a one-line message); whatever is read builds an authorizer that answers.
 */
class ManifestReaderFuzzTest {
    private static final String[] VALUES = {
        "[]",
        "{}",
        "null",
        "~",
        "0",
        "-1",
        "1e999",
        "true",
        "\"\"",
        "'*'",
        "\"*\"",
        "[\"*\"]",
        "[null]",
        "[[]]",
        "{a: b}",
        "\"../../etc/passwd\"",
        "\"a/b\"",
        "\"\\u0000\"",
        "\"" + "n".repeat(5000) + "\"",
        "!!binary aGk=",
        "&x [1]",
        "*x",
        "\"system:masters\"",
        "[get, '*', escalate, bind, impersonate]",
        "|\n  multi\n  line",
        "\"ünïcödé\""
    };

    private static List<String> seeds() throws Exception {
        List<String> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("../sample-audit-logs/rbac"))) {
            for (Path file : files.filter(
                            f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .toList()) {
                seeds.add(Files.readString(file));
            }
        }
        return seeds;
    }

    private static String mutate(String yaml, Random random) {
        String[] lines = yaml.split("\n", -1);
        int line = random.nextInt(lines.length);
        switch (random.nextInt(6)) {
            case 0 -> {
                return yaml.substring(0, random.nextInt(yaml.length() + 1));
            }
            case 1 -> {
                int colon = lines[line].indexOf(": ");
                if (colon >= 0) {
                    lines[line] = lines[line].substring(0, colon + 2) + VALUES[random.nextInt(VALUES.length)];
                }
            }
            case 2 -> {
                int dash = lines[line].indexOf("- ");
                if (dash >= 0) {
                    lines[line] = lines[line].substring(0, dash + 2) + VALUES[random.nextInt(VALUES.length)];
                }
            }
            case 3 -> lines[line] = " ".repeat(random.nextInt(6)) + lines[line];
            case 4 -> lines[line] = lines[line] + "\n" + lines[random.nextInt(lines.length)];
            default -> lines[line] = "";
        }
        return String.join("\n", lines);
    }

    @Test
    void hostileVariationsOfRbacManifestsAreReadOrRefusedClearly() throws Exception {
        List<String> seeds = seeds();
        assertThat(seeds).isNotEmpty();
        Random random = new Random(Long.getLong("lpa.fuzz.seed", 20261123L));
        ManifestReader reader = new ManifestReader();
        AuditEvent request = new AuditEvent(
                "f-1",
                Stage.RESPONSE_COMPLETE,
                "Metadata",
                "get",
                "/api/v1/namespaces/payments/pods/p",
                new UserInfo("dana", List.of("payments-devs", "system:authenticated")),
                null,
                new ObjectReference("", "pods", "", "payments", "p"),
                200,
                null,
                null,
                0,
                false,
                null);
        int read = 0;
        int refused = 0;
        for (long i = 0, n = Long.getLong("lpa.fuzz.records", 3_000L); i < n; i++) {
            String yaml = seeds.get(random.nextInt(seeds.size()));
            for (int m = 0; m < 1 + random.nextInt(3); m++) {
                yaml = mutate(yaml, random);
            }
            try {
                RbacObjects objects = reader.readString("fuzz.yaml", yaml).objects();
                UsageAttributor.attribute(
                        request, new RbacTimeline(objects, BuiltinMode.ROLES_AND_BINDINGS, List.of()).authorizerAt(0));
                read++;
            } catch (ManifestException e) {
                assertThat(e.getMessage()).startsWith("fuzz.yaml").doesNotContain("\n");
                refused++;
            } catch (RuntimeException | StackOverflowError e) {
                fail(
                        "variation " + i + " threw " + e + " for:\n"
                                + (yaml.length() > 2000 ? yaml.substring(0, 2000) : yaml),
                        e);
            }
        }
        assertThat(read).isPositive();
        assertThat(refused).isPositive();
    }
}
