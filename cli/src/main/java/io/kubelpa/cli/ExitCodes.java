package io.kubelpa.cli;

/** The exit codes of every lpa command. */
public final class ExitCodes {
    /** Success; for can-i: allowed. */
    public static final int OK = 0;
    /** A negative answer: can-i denied, builtin-roles --compare found differences. */
    public static final int NO = 1;
    /** The command line is wrong. */
    public static final int USAGE = 2;
    /** Findings at or above --fail-on. */
    public static final int FINDINGS = 3;
    /** Unusable input (manifests, requests) or a failure reaching the cluster. */
    public static final int ERROR = 4;

    static final String HELP_FOOTER =
            "%nExit codes: 0 ok (can-i: yes), 1 no (can-i: no; builtin-roles --compare: differences),"
                    + " 2 usage error, 3 findings at or above --fail-on, 4 invalid input or runtime error.";

    private ExitCodes() {}
}
