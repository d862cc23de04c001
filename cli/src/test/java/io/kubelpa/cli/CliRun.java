package io.kubelpa.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Runs the lpa command line in-process and captures what it prints. */
public record CliRun(int exitCode, String out, String err) {
    static final String RBAC = resource("cli/rbac.yaml");

    public static CliRun lpa(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LpaCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }

    static String resource(String name) {
        try {
            Path path =
                    Paths.get(CliRun.class.getClassLoader().getResource(name).toURI());
            return path.toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
