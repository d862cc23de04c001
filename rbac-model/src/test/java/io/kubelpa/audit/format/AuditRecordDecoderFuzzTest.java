package io.kubelpa.audit.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.kubelpa.audit.AuditEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Hostile variations of the sample cluster's records — cut short, bytes flipped, values of the wrong
 * type, wrapped in every envelope, nested absurdly — never make the decoder throw: each record comes out
 * as events, skips or dead letters, and every event survives the codec the jobs send it through and
 * is attributed without an error.
 */
class AuditRecordDecoderFuzzTest {
    private static final Path SAMPLES = Path.of("../sample-audit-logs/audit");
    private static final String[] VALUES = {
        "{}",
        "[]",
        "null",
        "0",
        "-1e400",
        "true",
        "\"\"",
        "\"x\"",
        "{\"a\":[1,{\"b\":null}]}",
        "[\"a\",{},null]",
        "\"\\u0000\\ud800\"",
        "\"" + "y".repeat(70_000) + "\"",
        "1.5",
        "\"2025-13-45T99:99:99Z\"",
        "\"ResponseComplete\"",
        "\"RequestReceived\"",
        "\"\\\"\"",
        "9223372036854775808"
    };

    private static final String[] URIS = {
        "",
        "/",
        "//",
        "/api",
        "/apis/",
        "/api/v1/namespaces/",
        "/api/v1/namespaces//pods",
        "/apis/apps/v1/namespaces/a/deployments/b/scale/extra/parts",
        "/api/v1/pods?watch=true&fieldSelector=metadata.name%3Dx",
        "/api/v1/namespaces/%zz/pods",
        "/api/v1/namespaces/a/pods/..%2f..%2fetc",
        "http://evil/api/v1/pods",
        "?",
        "/api/v1/" + "x/".repeat(5000),
        "/api/v1/namespaces/a/pods?fieldSelector=metadata.name%3D",
        "/apis/rbac.authorization.k8s.io/v1/clusterroles/%00"
    };
    private static final String[] VERBS = {
        "", "GET", "get ", "deletecollection", "watch", "impersonate", "escalate", "*", "\u0000", "x".repeat(3000)
    };

    private static final String[] GKE_VALUES = {
        "",
        ".",
        "io.k8s.",
        "io.k8s.core.v1.pods.",
        "io.k8s.x",
        "a.b.c.d.e.f.g.h.i",
        "io.k8s.core.v1.pods.exec.create.extra",
        "namespaces/",
        "/",
        "core/v1/namespaces//pods/",
        "v1/" + "a/".repeat(2000),
        "apps/v1/namespaces/a/deployments/b/scale",
        "kube-audit",
        "kube-audit-admin"
    };

    private static final String NOISE = "{}[]\":,\\ \u00e9\u0000x1";

    private static List<String> seeds() throws IOException {
        List<String> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                try (InputStream raw = Files.newInputStream(file);
                        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    lines.lines().filter(l -> !l.isBlank()).forEach(seeds::add);
                }
            }
        }
        // Shapes the sample logs do not hold, as often as a quarter of the samples: a GKE LogEntry, an Azure
        // diagnostic record, a CloudWatch payload.
        String event = seeds.stream()
                .filter(l -> l.startsWith("{\"kind\":\"Event\""))
                .findFirst()
                .orElseThrow();
        List<String> others = new ArrayList<>();
        others.add("""
                {"insertId":"gke-1","labels":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":""},
                 "protoPayload":{"@type":"type.googleapis.com/google.cloud.audit.AuditLog","serviceName":"k8s.io",
                   "authenticationInfo":{"principalEmail":"system:serviceaccount:kube-system:cronjob-controller"},
                   "methodName":"io.k8s.batch.v1.jobs.create","resourceName":"batch/v1/namespaces/ops/jobs/backup-29088",
                   "status":{"code":7}},"timestamp":"2025-05-01T10:00:00.123456Z"}""".replace("\n", ""));
        others.add("{\"records\":[{\"category\":\"kube-audit\",\"properties\":{\"log\":" + quote(event)
                + ",\"stream\":\"stdout\"}}," + "{\"category\":\"kube-audit-admin\",\"properties\":{\"log\":" + event
                + "}}]}");
        others.add(
                "{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"/aws/eks/c/cluster\",\"logEvents\":[{\"id\":\"1\",\"message\":"
                        + quote(event) + "}]}");
        for (int i = 0; i < seeds.size() / 12; i++) {
            seeds.addAll(others);
        }
        return seeds;
    }

    private static String mutate(String record, Random random) {
        int at = record.isEmpty() ? 0 : random.nextInt(record.length());
        return switch (random.nextInt(9)) {
            case 0 -> record.substring(0, at);
            case 1 -> {
                char[] chars = record.toCharArray();
                for (int i = 0; i < 1 + random.nextInt(4) && chars.length > 0; i++) {
                    chars[random.nextInt(chars.length)] = NOISE.charAt(random.nextInt(NOISE.length()));
                }
                yield new String(chars);
            }
            case 2 -> replaceValue(record, random);
            case 3 -> "{\"log\":" + quote(record) + ",\"stream\":\"stdout\"}";
            case 4 ->
                "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":[" + record + "," + record + "]}";
            case 5 -> "{\"records\":[{\"properties\":{\"log\":" + quote(record) + "}}]}";
            case 6 ->
                random.nextBoolean()
                        ? "[".repeat(1 + random.nextInt(3000)) + record
                        : record.replaceFirst(
                                        "\"requestURI\":\"[^\"]*\"",
                                        "\"requestURI\":\"" + URIS[random.nextInt(URIS.length)] + "\"")
                                .replaceFirst(
                                        "\"verb\":\"[^\"]*\"",
                                        "\"verb\":\"" + VERBS[random.nextInt(VERBS.length)] + "\"");
            case 7 ->
                record.replaceFirst(
                        "\"(methodName|resourceName|principalEmail|category)\":\"[^\"]*\"",
                        "\"$1\":\"" + GKE_VALUES[random.nextInt(GKE_VALUES.length)] + "\"");
            default -> record.replaceFirst("\\{", "{\"auditID\":" + VALUES[random.nextInt(VALUES.length)] + ",");
        };
    }

    /** Swaps the value after one field name for a value of another type. */
    private static String replaceValue(String record, Random random) {
        List<Integer> colons = new ArrayList<>();
        for (int i = record.indexOf("\":"); i >= 0; i = record.indexOf("\":", i + 1)) {
            colons.add(i + 2);
        }
        if (colons.isEmpty()) {
            return record;
        }
        int start = colons.get(random.nextInt(colons.size()));
        int end = start;
        while (end < record.length() && ",}]".indexOf(record.charAt(end)) < 0) {
            end++;
        }
        return record.substring(0, start) + VALUES[random.nextInt(VALUES.length)] + record.substring(end);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void hostileVariationsOfRealRecordsAreAlwaysAccountedFor() throws Exception {
        List<String> seeds = seeds();
        assertThat(seeds).hasSizeGreaterThan(100);
        // -Dlpa.fuzz.seed / -Dlpa.fuzz.records run other or longer series than CI's.
        Random random = new Random(Long.getLong("lpa.fuzz.seed", 20261123L));
        AuditRecordDecoder decoder = new AuditRecordDecoder();
        io.kubelpa.authz.RbacAuthorizer authorizer = new io.kubelpa.usage.RbacTimeline(
                        new io.kubelpa.rbac.ManifestReader()
                                .read(List.of(Path.of("../sample-audit-logs/rbac")))
                                .objects(),
                        io.kubelpa.rbac.BuiltinMode.ROLES_AND_BINDINGS,
                        List.of())
                .authorizerAt(0);
        int events = 0;
        int deadLetters = 0;
        for (long i = 0, n = Long.getLong("lpa.fuzz.records", 20_000L); i < n; i++) {
            String record = seeds.get(random.nextInt(seeds.size()));
            for (int m = 0; m < 1 + random.nextInt(3); m++) {
                record = mutate(record, random);
            }
            byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
            String shown = record.length() > 300 ? record.substring(0, 300) + "…" : record;
            DecodeResult[] result = new DecodeResult[1];
            assertThatCode(() -> result[0] = decoder.decode(bytes))
                    .as("decoding %s", shown)
                    .doesNotThrowAnyException();
            assertThat(result[0].events().size()
                            + result[0].skipped().size()
                            + result[0].deadLetters().size())
                    .as("accounted for: %s", shown)
                    .isPositive();
            for (AuditEvent event : result[0].events()) {
                assertThat(event.auditID())
                        .as("auditID of an event from %s", shown)
                        .isNotEmpty();
                assertThat(AuditEventCodec.decode(AuditEventCodec.encode(event)))
                        .as("codec round trip of %s", shown)
                        .isEqualTo(event);
                assertThatCode(() -> io.kubelpa.usage.AttributionCounting.count(
                                event,
                                io.kubelpa.usage.UsageAttributor.attribute(event, authorizer),
                                new io.kubelpa.usage.UsageCounters(),
                                new ArrayList<>()))
                        .as("attributing %s", shown)
                        .doesNotThrowAnyException();
            }
            result[0].deadLetters().forEach(d -> assertThat(d.reason()).isNotBlank());
            events += result[0].events().size();
            deadLetters += result[0].deadLetters().size();
        }
        assertThat(events).as("some variations are still events").isPositive();
        assertThat(deadLetters).as("and many are dead letters").isPositive();
    }
}
