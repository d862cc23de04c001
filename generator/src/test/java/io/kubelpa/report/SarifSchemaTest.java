package io.kubelpa.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kube-lpa's SARIF against the official SARIF 2.1.0 JSON schema, as Microsoft's SARIF jest matchers
 * ship it on the npm registry (fetched once with npm into target/, never committed).
 */
class SarifSchemaTest {
    private static final String PACKAGE = "@microsoft/jest-sarif@1.0.0-beta.0";
    private static final String SCHEMA_ENTRY = "package/lib/schemas/sarif-2.1.0-rtm.5.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSarifReportIsValidAgainstTheSarif210Schema(@TempDir Path dir) throws Exception {
        ReportModel model = AnalysisFixture.write(dir);
        assertThat(model.findings()).isNotEmpty();
        JsonNode schemaNode = JSON.readTree(schema());
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersionDetector.detect(schemaNode))
                .getSchema(schemaNode);
        JsonNode sarif = JSON.readTree(Files.readString(dir.resolve("report.sarif")));
        Set<ValidationMessage> problems = schema.validate(sarif);
        assertThat(problems).isEmpty();
        // The fixture's manifest path is relative to this module: by default, locations are relative to
        // the git repository holding it (code scanning's root); built outside one, they stay as given.
        Path repository = SarifReport.repositoryOf(model);
        if (repository != null) {
            assertThat(sarif.at("/runs/0/originalUriBaseIds/SRCROOT/uri").asText())
                    .isEqualTo(repository.toUri().toString())
                    .endsWith("/");
        }
        String expected = repository == null
                ? "manifests/team%20rbac.yaml"
                : SarifReport.uri(repository
                        .relativize(Path.of("manifests/team rbac.yaml").toAbsolutePath())
                        .toString());
        assertThat(sarif.findValues("physicalLocation")).isNotEmpty().allSatisfy(location -> {
            assertThat(location.get("artifactLocation").get("uri").asText()).isEqualTo(expected);
            assertThat(location.get("artifactLocation").path("uriBaseId").asText(""))
                    .isEqualTo(repository == null ? "" : SarifReport.SRCROOT);
            assertThat(location.get("region").get("startLine").asInt()).isEqualTo(3);
        });
        assertThat(sarif.at("/runs/0/results/0/partialFingerprints").size())
                .as("repeated runs match alerts by fingerprint")
                .isPositive();
        assertThat(sarif.at("/runs/0/tool/driver/rules/0/help/text").asText()).isNotBlank();

        JsonNode based = JSON.readTree(
                new SarifReport(Path.of("manifests").toAbsolutePath().getParent()).render(model, "test"));
        assertThat(schema.validate(based)).isEmpty();
        assertThat(based.findValues("artifactLocation"))
                .allSatisfy(a -> assertThat(a.get("uri").asText()).isEqualTo("manifests/team%20rbac.yaml"));
        JsonNode absolute = JSON.readTree(new SarifReport(SarifReport.ABSOLUTE).render(model, "test"));
        assertThat(schema.validate(absolute)).isEmpty();
        assertThat(absolute.at("/runs/0/originalUriBaseIds").isMissingNode()).isTrue();
        assertThat(absolute.findValues("artifactLocation")).allSatisfy(a -> {
            assertThat(a.get("uri").asText()).startsWith("file:/").endsWith("manifests/team%20rbac.yaml");
            assertThat(a.has("uriBaseId")).isFalse();
        });
        JsonNode broken = sarif.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken).put("version", "2.0.0");
        assertThat(schema.validate(broken)).as("the schema does check").isNotEmpty();
    }

    /** The schema file, from the npm package packed into target/ on first use. */
    private static byte[] schema() throws IOException, InterruptedException {
        Path cache = Path.of("target", "sarif-schema");
        Files.createDirectories(cache);
        Path tarball;
        try (var files = Files.list(cache)) {
            tarball =
                    files.filter(f -> f.toString().endsWith(".tgz")).findFirst().orElse(null);
        }
        if (tarball == null) {
            Process npm = new ProcessBuilder("npm", "pack", PACKAGE, "--silent")
                    .directory(cache.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(npm.waitFor(120, TimeUnit.SECONDS) && npm.exitValue() == 0)
                    .as("npm pack %s (npm from the machine's Node.js is needed): %s", PACKAGE, output)
                    .isTrue();
            try (var files = Files.list(cache)) {
                tarball = files.filter(f -> f.toString().endsWith(".tgz"))
                        .findFirst()
                        .orElseThrow();
            }
        }
        return tarEntry(tarball, SCHEMA_ENTRY);
    }

    /** One file of a gzipped tar archive (ustar headers of 512 bytes, then the content padded to 512). */
    private static byte[] tarEntry(Path tarball, String wanted) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tarball))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = new String(header, 0, 100, StandardCharsets.US_ASCII)
                        .replace("\0", "")
                        .trim();
                long size = Long.parseLong(
                        new String(header, 124, 12, StandardCharsets.US_ASCII)
                                .replace("\0", "")
                                .trim(),
                        8);
                byte[] content = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                if (name.equals(wanted)) {
                    return content;
                }
            }
        }
        throw new IOException(wanted + " not found in " + tarball);
    }
}
