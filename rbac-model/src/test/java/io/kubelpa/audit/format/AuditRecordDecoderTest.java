package io.kubelpa.audit.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.Stage;
import io.kubelpa.audit.Timestamps;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class AuditRecordDecoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT = """
            {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"a-1","stage":"ResponseComplete",\
            "requestURI":"/api/v1/namespaces/team/pods?limit=500","verb":"list",\
            "user":{"username":"alice","groups":["devs","system:authenticated"]},\
            "objectRef":{"resource":"pods","namespace":"team","apiVersion":"v1"},\
            "responseStatus":{"metadata":{},"code":200},"requestObject":{"secret":"never kept"},\
            "requestReceivedTimestamp":"2025-05-01T10:00:00.000001Z","stageTimestamp":"2025-05-01T10:00:00.250000Z",\
            "annotations":{"authorization.k8s.io/decision":"allow",\
            "authorization.k8s.io/reason":"RBAC: allowed by RoleBinding \\"devs/team\\" of ClusterRole \\"view\\" to Group \\"devs\\""}}""";

    private final AuditRecordDecoder decoder = new AuditRecordDecoder();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String event(String auditID) {
        return EVENT.replace("\"a-1\"", "\"" + auditID + "\"");
    }

    private static List<String> ids(DecodeResult result) {
        return result.events().stream().map(AuditEvent::auditID).toList();
    }

    @Test
    void readsTheFieldsOfANativeEventAndNoBody() {
        DecodeResult result = decoder.decode(utf8(EVENT));
        assertThat(result.deadLetters()).isEmpty();
        AuditEvent event = result.events().get(0);
        assertThat(event.auditID()).isEqualTo("a-1");
        assertThat(event.stage()).isEqualTo(Stage.RESPONSE_COMPLETE);
        assertThat(event.user().groups()).containsExactly("devs", "system:authenticated");
        assertThat(event.objectRef().namespace()).isEqualTo("team");
        assertThat(event.responseCode()).isEqualTo(200);
        assertThat(event.decision()).isEqualTo("allow");
        assertThat(event.reason()).startsWith("RBAC: allowed by RoleBinding");
        assertThat(event.timeMicros()).isEqualTo(Timestamps.parseMicros("2025-05-01T10:00:00.250000Z"));
        assertThat(event.rbacObjectJson()).isNull();
        assertThat(event.toString()).doesNotContain("never kept");
    }

    @Test
    void readsEventListsArraysAndSeveralEventsPerRecord() {
        assertThat(ids(decoder.decode(
                        utf8("{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":["
                                + event("x") + "," + event("y") + "]}"))))
                .containsExactly("x", "y");
        assertThat(ids(decoder.decode(utf8("[" + event("p") + "," + event("q") + "]"))))
                .containsExactly("p", "q");
        ObjectNode withoutKinds = (ObjectNode) readTree(event("z"));
        withoutKinds.remove("kind");
        withoutKinds.remove("apiVersion");
        assertThat(ids(decoder.decode(utf8("{\"kind\":\"EventList\",\"items\":[" + withoutKinds + "]}"))))
                .containsExactly("z");
    }

    @Test
    void readsShipperEnvelopes() {
        ObjectNode fluentBit = (ObjectNode) readTree(event("fb"));
        fluentBit.put("@timestamp", 1714557600.25).putObject("kubernetes").put("pod_name", "kube-apiserver");
        assertThat(ids(decoder.decode(utf8(fluentBit.toString())))).containsExactly("fb");

        ObjectNode logString = JSON.createObjectNode().put("log", event("log-string"));
        assertThat(ids(decoder.decode(utf8(logString.toString())))).containsExactly("log-string");

        ObjectNode vector = JSON.createObjectNode()
                .put("message", event("vector"))
                .put("host", "cp-1")
                .put("source_type", "file");
        assertThat(ids(decoder.decode(utf8(vector.toString())))).containsExactly("vector");

        ObjectNode custom = JSON.createObjectNode().put("payload", event("custom"));
        assertThat(ids(new AuditRecordDecoder(InputFormat.AUTO, "payload").decode(utf8(custom.toString()))))
                .containsExactly("custom");
    }

    @Test
    void readsAzureRecordsWithTheLogAsStringOrObject() {
        ObjectNode azure = JSON.createObjectNode();
        azure.putArray("records")
                .add(JSON.createObjectNode()
                        .put("category", "kube-audit")
                        .set(
                                "properties",
                                JSON.createObjectNode()
                                        .put("log", event("as-string"))
                                        .put("stream", "stdout")))
                .add(JSON.createObjectNode()
                        .put("category", "kube-audit-admin")
                        .set("properties", JSON.createObjectNode().set("log", readTree(event("as-object")))))
                .add(JSON.createObjectNode()
                        .put("category", "kube-apiserver")
                        .set("properties", JSON.createObjectNode().put("log", "I0501 plain server log")));
        DecodeResult result = decoder.decode(utf8(azure.toString()));
        assertThat(ids(result)).containsExactly("as-string", "as-object");
        assertThat(ids(decoder.decode(utf8(azure.get("records").get(0).toString()))))
                .as("a single record")
                .containsExactly("as-string");
        assertThat(result.skipped()).extracting(DecodeResult.Outcome::reason).containsExactly("not-audit-category");
    }

    @Test
    void readsCloudWatchPayloadsPlainGzipAndBase64() throws Exception {
        ObjectNode payload =
                JSON.createObjectNode().put("messageType", "DATA_MESSAGE").put("logGroup", "/aws/eks/c/cluster");
        payload.putArray("logEvents").add(JSON.createObjectNode().put("id", "1").put("message", event("cw")));
        assertThat(ids(decoder.decode(utf8(payload.toString())))).containsExactly("cw");
        byte[] gzip = gzip(utf8(payload.toString()));
        assertThat(ids(decoder.decode(gzip))).containsExactly("cw");
        assertThat(ids(decoder.decode(utf8(Base64.getEncoder().encodeToString(gzip)))))
                .containsExactly("cw");
        DecodeResult control = decoder.decode(utf8("{\"messageType\":\"CONTROL_MESSAGE\",\"logEvents\":[]}"));
        assertThat(control.events()).isEmpty();
        assertThat(control.skipped()).extracting(DecodeResult.Outcome::reason).containsExactly("control-message");
    }

    @Test
    void mapsGkeLogEntriesAndMarksThemDegraded() {
        String entry = """
                {"insertId":"gke-1","labels":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":""},
                 "protoPayload":{"@type":"type.googleapis.com/google.cloud.audit.AuditLog","serviceName":"k8s.io",
                   "authenticationInfo":{"principalEmail":"system:serviceaccount:kube-system:cronjob-controller"},
                   "methodName":"io.k8s.batch.v1.jobs.create",
                   "resourceName":"batch/v1/namespaces/ops/jobs/backup-29088",
                   "status":{}},
                 "timestamp":"2025-05-01T10:00:00.123456Z"}""";
        AuditEvent event = decoder.decode(utf8(entry)).events().get(0);
        assertThat(event.degraded()).isTrue();
        assertThat(event.verb()).isEqualTo("create");
        assertThat(event.requestURI()).isEqualTo("/apis/batch/v1/namespaces/ops/jobs");
        assertThat(event.responseCode()).isEqualTo(200);
        assertThat(event.user().groups()).isEmpty();

        String denied = entry.replace("\"status\":{}", "\"status\":{\"code\":7}")
                .replace("jobs.create", "jobs.get")
                .replace("\"allow\"", "\"forbid\"");
        assertThat(decoder.decode(utf8(denied)).events().get(0).responseCode()).isEqualTo(403);

        String other = "{\"insertId\":\"o\",\"protoPayload\":{\"serviceName\":\"container.googleapis.com\"}}";
        assertThat(decoder.decode(utf8(other)).skipped())
                .extracting(DecodeResult.Outcome::reason)
                .containsExactly("not-kubernetes-service");
    }

    @Test
    void gkeRequestPathsKeepNamesExceptOnCreate() {
        assertThat(GkeLogEntryReader.requestUri("core/v1/namespaces/kube-system/configmaps/cfg", "update"))
                .isEqualTo("/api/v1/namespaces/kube-system/configmaps/cfg");
        assertThat(GkeLogEntryReader.requestUri("core/v1/nodes", "list")).isEqualTo("/api/v1/nodes");
        assertThat(GkeLogEntryReader.requestUri("core/v1/namespaces/team", "create"))
                .isEqualTo("/api/v1/namespaces");
        assertThat(GkeLogEntryReader.requestUri("core/v1/namespaces/team/pods/web/exec", "create"))
                .isEqualTo("/api/v1/namespaces/team/pods/web/exec");
        assertThat(GkeLogEntryReader.requestUri("readyz", "get")).isEqualTo("/readyz");
    }

    @Test
    void badInputBecomesDeadLettersWithReasons() {
        assertThat(reasons(decoder.decode(utf8("{\"kind\": 0}")))).containsExactly("not-an-audit-event");
        assertThat(reasons(decoder.decode(utf8("{\"auditID\": \"x\", \"verb\": \"get\""))))
                .containsExactly("malformed-json");
        assertThat(reasons(decoder.decode(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'})))
                .containsExactly("not-utf8");
        assertThat(reasons(decoder.decode(utf8("{\"auditID\":\"x\",\"stage\":\"ResponseComplete\"}"))))
                .containsExactly("missing-user");
        assertThat(reasons(decoder.decode(utf8("{\"kind\":\"Event\",\"user\":{\"username\":\"a\"}}"))))
                .containsExactly("missing-audit-id");
        assertThat(reasons(decoder.decode(utf8(event("s").replace("ResponseComplete", "Sideways")))))
                .containsExactly("unknown-stage");
        assertThat(reasons(decoder.decode(utf8("hello world")))).containsExactly("not-json");
        assertThat(reasons(decoder.decode(new byte[AuditRecordDecoder.MAX_RECORD_BYTES + 1])))
                .containsExactly("oversized");
        assertThat(reasons(decoder.decode(new byte[] {0x1f, (byte) 0x8b, 1, 2, 3})))
                .containsExactly("bad-gzip");
    }

    @Test
    void deadLettersNeverCarryTheRecordsContent() {
        DecodeResult result = decoder.decode(utf8("{\"auditID\":\"x\",\"token\": hunter2-secret-value}"));
        assertThat(result.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo("malformed-json");
            assertThat(d.detail()).doesNotContain("hunter2");
        });
    }

    @Test
    void legacyTextLinesAreSkippedWithAReason() {
        DecodeResult result = decoder.decode(
                utf8("2017-03-21T03:57:09.106841886-04:00 AUDIT: id=\"c939\" ip=\"127.0.0.1\" method=\"GET\""));
        assertThat(result.deadLetters()).isEmpty();
        assertThat(result.skipped()).extracting(DecodeResult.Outcome::reason).containsExactly("legacy-text-format");
    }

    @Test
    void forcedFormatsOnlyAcceptTheirShape() {
        AuditRecordDecoder eventsOnly = new AuditRecordDecoder(InputFormat.EVENT, null);
        assertThat(ids(eventsOnly.decode(utf8(event("e"))))).containsExactly("e");
        assertThat(reasons(eventsOnly.decode(utf8("{\"log\":\"x\"}")))).containsExactly("missing-audit-id");
        AuditRecordDecoder wrappedOnly = new AuditRecordDecoder(InputFormat.WRAPPED, "line");
        assertThat(ids(wrappedOnly.decode(
                        utf8(JSON.createObjectNode().put("line", event("w")).toString()))))
                .containsExactly("w");
    }

    @Test
    void keepsTheStoredObjectOfRbacWritesOnly() {
        String write = event("rbac")
                .replace(
                        "\"requestURI\":\"/api/v1/namespaces/team/pods?limit=500\",\"verb\":\"list\"",
                        "\"requestURI\":\"/apis/rbac.authorization.k8s.io/v1/namespaces/team/roles\",\"verb\":\"create\"")
                .replace(
                        "\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"team\",\"apiVersion\":\"v1\"}",
                        "\"objectRef\":{\"resource\":\"roles\",\"namespace\":\"team\",\"name\":\"r\",\"apiGroup\":\"rbac.authorization.k8s.io\"}")
                .replace(
                        "\"requestObject\":{\"secret\":\"never kept\"}",
                        "\"requestObject\":{\"kind\":\"Role\",\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"metadata\":{\"name\":\"r\"},\"rules\":[]}");
        assertThat(decoder.decode(utf8(write)).events().get(0).rbacObjectJson()).contains("\"kind\":\"Role\"");
    }

    @Test
    void theStreamingFastPathAgreesWithTheTreeReader() throws Exception {
        String rbacWrite = EVENT.replace(
                        "\"requestURI\":\"/api/v1/namespaces/team/pods?limit=500\",\"verb\":\"list\"",
                        "\"requestURI\":\"/apis/rbac.authorization.k8s.io/v1/namespaces/team/roles/r\",\"verb\":\"update\"")
                .replace(
                        "\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"team\",\"apiVersion\":\"v1\"}",
                        "\"objectRef\":{\"resource\":\"roles\",\"namespace\":\"team\",\"name\":\"r\",\"apiVersion\":\"rbac.authorization.k8s.io/v1alpha1\"}")
                .replace(
                        "\"requestObject\":{\"secret\":\"never kept\"}",
                        "\"requestObject\":{\"kind\":\"Role\",\"metadata\":{\"name\":\"r\"}},"
                                + "\"responseObject\":{\"kind\":\"Role\",\"metadata\":{\"name\":\"r\",\"resourceVersion\":\"9\"}}");
        ObjectNode beta = (ObjectNode) readTree(event("beta"));
        beta.remove("stageTimestamp");
        beta.remove("kind");
        beta.put("timestamp", "2017-09-11T19:55:05Z").put("apiVersion", "audit.k8s.io/v1beta1");
        ObjectNode impersonated = (ObjectNode) readTree(event("imp"));
        ObjectNode bob = impersonated
                .putObject("impersonatedUser")
                .put("username", "bob")
                .put("uid", "u-42");
        bob.putArray("groups").add("x");
        bob.putObject("extra").putArray("scopes").add("view").add("edit");
        ((ObjectNode) impersonated.get("user"))
                .putObject("extra")
                .putArray("authentication.kubernetes.io/pod-name")
                .add("p");
        impersonated.put("@timestamp", 1714557600.25).putObject("kubernetes").put("host", "cp-1");
        for (String record : List.of(EVENT, rbacWrite, beta.toString(), impersonated.toString())) {
            AuditEvent fast = new StreamingEventReader(
                            com.fasterxml.jackson.core.StreamReadConstraints.defaults(),
                            java.util.Set.of("log", "message", "msg"))
                    .read(utf8(record));
            assertThat(fast).as(record).isNotNull();
            assertThat(fast).isEqualTo(decoder.decode(readTree(record)).events().get(0));
        }
        assertThat(new StreamingEventReader(
                                com.fasterxml.jackson.core.StreamReadConstraints.defaults(), java.util.Set.of("log"))
                        .read(utf8("{\"log\":\"x\",\"auditID\":\"a\",\"user\":{\"username\":\"u\"}}")))
                .as("an envelope")
                .isNull();
    }

    @Test
    void aMessageOfSeveralEventsOneAfterAnotherGivesEveryOne() {
        String compact = event("m1").replace("\n", "");
        assertThat(ids(decoder.decode(utf8(event("m1") + "\n" + event("m2") + "\n"))))
                .containsExactly("m1", "m2");
        assertThat(ids(decoder.decode(utf8(compact + compact.replace("m1", "m2")))))
                .containsExactly("m1", "m2");
        String shipped = "{\"log\":" + JSON.valueToTree(compact + "\n" + compact.replace("m1", "m3")) + "}";
        assertThat(ids(decoder.decode(utf8(shipped)))).containsExactly("m1", "m3");
    }

    @Test
    void whatFollowsTheLastWholeValueIsADeadLetterAndEmptyListsAreSkipped() {
        DecodeResult trailing = decoder.decode(utf8(event("t1") + " {\"auditID\": "));
        assertThat(ids(trailing)).containsExactly("t1");
        assertThat(reasons(trailing)).containsExactly("malformed-json");
        assertThat(trailing.deadLetters().get(0).detail())
                .contains("after 1 whole JSON value")
                .doesNotContain("auditID");
        for (String empty : List.of("[]", "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":[]}")) {
            DecodeResult result = decoder.decode(utf8(empty));
            assertThat(result.skipped())
                    .as(empty)
                    .extracting(DecodeResult.Outcome::reason)
                    .containsExactly("empty");
            assertThat(result.events()).isEmpty();
            assertThat(result.deadLetters()).isEmpty();
        }
    }

    private static List<String> reasons(DecodeResult result) {
        return result.deadLetters().stream().map(DecodeResult.Outcome::reason).toList();
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] gzip(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
