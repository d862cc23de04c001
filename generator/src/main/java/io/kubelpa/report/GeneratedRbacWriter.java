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
import io.kubelpa.manifest.SafeFileNames;
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
    public static final String DENIED = FOLDER + "/denied";
    /** Where a review writes the roles it offers to subjects only another authorizer allowed. */
    public static final String NEW_ROLES = "new-roles";

    private static final String DENIED_HEADER =
            "# WIDENING: what this subject's denied requests asked for. Nothing here was allowed in the window;\n"
                    + "# apply only what you decide it should have (escalation-prone rules: verification.json).\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RoleGenerator generator;
    private final RbacAuthorizer today;
    private final String folder;

    /** {@code today}: the RBAC to compare with, or null when there is none. */
    public GeneratedRbacWriter(RoleGenerator generator, RbacAuthorizer today) {
        this(generator, today, FOLDER);
    }

    /** As {@link #GeneratedRbacWriter(RoleGenerator, RbacAuthorizer)}, into {@code folder} of the output. */
    public GeneratedRbacWriter(RoleGenerator generator, RbacAuthorizer today, String folder) {
        this.generator = generator;
        this.today = today;
        this.folder = folder;
    }

    /**
     * What was written: subjects, those whose replay failed (there should be none), those given more
     * than today, those skipped for having no allowed request (the first few named, all counted), and with denied requests included, the
     * subjects given a denied file and the escalation-prone rules in those files.
     */
    public record Summary(
            int subjects,
            int replayFailures,
            int widening,
            List<GeneratedSubject> withoutUse,
            int withoutUseCount,
            int deniedSubjects,
            int deniedEscalations) {}

    /** Subjects without use named in the summary; past it, only counted. */
    static final int MAX_NAMED_WITHOUT_USE = 20;

    /**
     * What one subject was allowed, and, when denied requests are included, what it was denied; with
     * notes on the subject's use to write beside its proof.
     */
    public record SubjectShapes(
            Collection<RequestShape> allowed, Collection<RequestShape> denied, List<String> notes) {}

    public Summary write(
            OutputFolder out,
            Iterable<GeneratedSubject> subjects,
            Function<GeneratedSubject, ? extends Collection<RequestShape>> shapesOf)
            throws IOException {
        return write(out, subjects, subject -> new SubjectShapes(shapesOf.apply(subject), List.of(), List.of()), false);
    }

    /**
     * {@code includeDenied}: what each subject's denied requests asked for is generated too, into
     * {@code generated/denied/}, apart from {@code rbac.yaml}, as a widening with its escalation-prone
     * rules named.
     */
    public Summary write(
            OutputFolder out,
            Iterable<GeneratedSubject> subjects,
            Function<GeneratedSubject, SubjectShapes> shapesOf,
            boolean includeDenied)
            throws IOException {
        ManifestYamlWriter yaml = new ManifestYamlWriter();
        int[] counts = new int[6];
        List<GeneratedSubject> withoutUse = new ArrayList<>();
        out.deleteFiles(folder, name -> name.endsWith(".yaml") || name.equals("verification.json"));
        String deniedFolder = folder + "/denied";
        if (includeDenied || java.nio.file.Files.isDirectory(out.root().resolve(deniedFolder))) {
            out.deleteFiles(deniedFolder, name -> name.endsWith(".yaml"));
        }
        out.write(
                folder + "/verification.json",
                verification -> out.write(folder + "/rbac.yaml", all -> {
                    try (JsonGenerator json = JSON.getFactory().createGenerator(verification)) {
                        json.useDefaultPrettyPrinter();
                        json.writeStartObject();
                        json.writeArrayFieldStart("subjects");
                        for (GeneratedSubject subject : subjects) {
                            SubjectShapes shapes = shapesOf.apply(subject);
                            Collection<RequestShape> denied = includeDenied ? shapes.denied() : List.of();
                            if (shapes.allowed().isEmpty() && denied.isEmpty()) {
                                if (withoutUse.size() < MAX_NAMED_WITHOUT_USE) {
                                    withoutUse.add(subject);
                                }
                                counts[5]++;
                                continue;
                            }
                            json.writeStartObject();
                            json.writeStringField("subject", subject.toString());
                            if (!shapes.allowed().isEmpty()) {
                                GeneratedRbac generated = generator.generate(subject, shapes.allowed());
                                GenerationCheck check = GenerationVerifier.verify(generated, shapes.allowed(), today);
                                String text = yaml.writeAll(generated.objects());
                                out.writeString(
                                        folder + "/" + SafeFileNames.ofGeneratedName(subject.objectName()), text);
                                write(all, (counts[0] == 0 ? "" : "---\n") + text);
                                writeCheck(json, generated, check, shapes.notes());
                                counts[0]++;
                                counts[1] += check.replayPassed() ? 0 : 1;
                                counts[2] += check.widening().isEmpty() ? 0 : 1;
                            }
                            if (!denied.isEmpty()) {
                                GeneratedRbac asked = generator.generateDenied(subject, denied);
                                List<String> escalations = GenerationVerifier.escalations(asked);
                                out.writeString(
                                        deniedFolder + "/" + SafeFileNames.ofGeneratedName(subject.objectName()),
                                        DENIED_HEADER + yaml.writeAll(asked.objects()));
                                json.writeObjectFieldStart("denied");
                                json.writeStringField(
                                        "file", "denied/" + SafeFileNames.ofGeneratedName(subject.objectName()));
                                json.writeNumberField("requestShapes", denied.size());
                                json.writeBooleanField("widening", true);
                                writeStrings(json, "escalations", escalations);
                                json.writeEndObject();
                                counts[3]++;
                                counts[4] += escalations.size();
                            }
                            json.writeEndObject();
                        }
                        json.writeEndArray();
                        json.writeNumberField("subjectCount", counts[0]);
                        json.writeNumberField("replayFailures", counts[1]);
                        json.writeBooleanField("comparedWithRbac", today != null);
                        json.writeNumberField("subjectsWidened", counts[2]);
                        json.writeBooleanField("includesDenied", includeDenied);
                        json.writeEndObject();
                    }
                }));
        return new Summary(counts[0], counts[1], counts[2], withoutUse, counts[5], counts[3], counts[4]);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeCheck(
            JsonGenerator json, GeneratedRbac generated, GenerationCheck check, List<String> useNotes)
            throws IOException {
        json.writeStringField(
                "file", SafeFileNames.ofGeneratedName(check.subject().objectName()));
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
        List<String> notes = new ArrayList<>(generated.notes());
        notes.addAll(useNotes);
        writeStrings(json, "notes", notes);
    }

    private static void writeStrings(JsonGenerator json, String field, Collection<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
