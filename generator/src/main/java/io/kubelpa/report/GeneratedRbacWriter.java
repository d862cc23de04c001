package io.kubelpa.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubelpa.authz.RbacAuthorizer;
import io.kubelpa.generate.GeneratedRbac;
import io.kubelpa.generate.GeneratedSubject;
import io.kubelpa.generate.GenerationVerifier;
import io.kubelpa.generate.GenerationVerifier.GenerationCheck;
import io.kubelpa.generate.RoleGenerator;
import io.kubelpa.manifest.ManifestYamlWriter;
import io.kubelpa.output.OutputFolder;
import io.kubelpa.usage.RequestShape;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Writes {@code OUT/generated/}: one file per subject, {@code rbac.yaml} with all of them (readable by
 * {@code lpa can-i --rbac}), and {@code verification.json} with each subject's proof. Subjects are
 * generated, proven and written one at a time, so memory does not grow with them.
 */
public final class GeneratedRbacWriter {
    public static final String FOLDER = "generated";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RoleGenerator generator;
    private final RbacAuthorizer today;

    /** {@code today}: the RBAC to compare with, or null when there is none. */
    public GeneratedRbacWriter(RoleGenerator generator, RbacAuthorizer today) {
        this.generator = generator;
        this.today = today;
    }

    /**
     * What was written: subjects, those whose replay failed (there should be none), those given more
     * than today, and those skipped for having no allowed request.
     */
    public record Summary(int subjects, int replayFailures, int widening, List<GeneratedSubject> withoutUse) {}

    public Summary write(
            OutputFolder out,
            Iterable<GeneratedSubject> subjects,
            Function<GeneratedSubject, ? extends Collection<RequestShape>> shapesOf)
            throws IOException {
        ManifestYamlWriter yaml = new ManifestYamlWriter();
        int[] counts = new int[3];
        List<GeneratedSubject> withoutUse = new ArrayList<>();
        out.deleteFiles(FOLDER, name -> name.endsWith(".yaml") || name.equals("verification.json"));
        out.write(
                FOLDER + "/verification.json",
                verification -> out.write(FOLDER + "/rbac.yaml", all -> {
                    try (JsonGenerator json = JSON.getFactory().createGenerator(verification)) {
                        json.useDefaultPrettyPrinter();
                        json.writeStartObject();
                        json.writeArrayFieldStart("subjects");
                        for (GeneratedSubject subject : subjects) {
                            Collection<RequestShape> shapes = shapesOf.apply(subject);
                            if (shapes.isEmpty()) {
                                withoutUse.add(subject);
                                continue;
                            }
                            GeneratedRbac generated = generator.generate(subject, shapes);
                            GenerationCheck check = GenerationVerifier.verify(generated, shapes, today);
                            String text = yaml.writeAll(generated.objects());
                            out.writeString(FOLDER + "/" + subject.fileName(), text);
                            write(all, (counts[0] == 0 ? "" : "---\n") + text);
                            writeCheck(json, generated, check);
                            counts[0]++;
                            counts[1] += check.replayPassed() ? 0 : 1;
                            counts[2] += check.widening().isEmpty() ? 0 : 1;
                        }
                        json.writeEndArray();
                        json.writeNumberField("subjectCount", counts[0]);
                        json.writeNumberField("replayFailures", counts[1]);
                        json.writeBooleanField("comparedWithRbac", today != null);
                        json.writeNumberField("subjectsWidened", counts[2]);
                        json.writeEndObject();
                    }
                }));
        return new Summary(counts[0], counts[1], counts[2], withoutUse);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeCheck(JsonGenerator json, GeneratedRbac generated, GenerationCheck check)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("subject", check.subject().toString());
        json.writeStringField("file", check.subject().fileName());
        json.writeNumberField("requestShapes", check.shapes());
        json.writeObjectFieldStart("replay");
        json.writeBooleanField("passed", check.replayPassed());
        json.writeNumberField("denied", check.deniedCount());
        writeStrings(json, "deniedExamples", check.denied());
        json.writeEndObject();
        if (check.compared()) {
            writeStrings(json, "addsToToday", check.widening());
            writeStrings(json, "dropsFromToday", check.dropped());
        }
        writeStrings(json, "notes", generated.notes());
        json.writeEndObject();
    }

    private static void writeStrings(JsonGenerator json, String field, Collection<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
