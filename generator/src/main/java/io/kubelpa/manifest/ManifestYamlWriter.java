package io.kubelpa.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes Kubernetes objects (fabric8 model) as YAML in the shape {@code kubectl} users expect: one
 * document per object separated by {@code ---}, empty fields left out, keys in model order.
 */
public final class ManifestYamlWriter {
    private final ObjectMapper mapper;

    public ManifestYamlWriter() {
        YAMLFactory factory = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .stringQuotingChecker(new LineBreaksQuoted())
                .build();
        this.mapper = new ObjectMapper(factory)
                .setSerializationInclusion(JsonInclude.Include.NON_EMPTY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /**
     * Quotes (double, so the emitter escapes them as \\N, \\L, \\P) every string holding a character YAML
     * 1.1 reads as a line break: written plain, NEL, LS or PS would read back as a space, and a name
     * would name another object.
     */
    private static final class LineBreaksQuoted extends StringQuotingChecker.Default {
        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || hasYamlLineBreak(value);
        }

        @Override
        public boolean needToQuoteName(String name) {
            return super.needToQuoteName(name) || hasYamlLineBreak(name);
        }

        private static boolean hasYamlLineBreak(String text) {
            return text.indexOf('\u0085') >= 0 || text.indexOf('\u2028') >= 0 || text.indexOf('\u2029') >= 0;
        }
    }

    public String write(HasMetadata object) {
        try {
            return mapper.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String writeAll(List<? extends HasMetadata> objects) {
        StringBuilder out = new StringBuilder();
        for (HasMetadata object : objects) {
            if (out.length() > 0) {
                out.append("---\n");
            }
            out.append(write(object));
        }
        return out.toString();
    }
}
