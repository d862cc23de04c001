package io.kubelpa.audit;

/** Audit stages, with how much each tells about a request's outcome. */
public enum Stage {
    REQUEST_RECEIVED("RequestReceived", 1),
    RESPONSE_STARTED("ResponseStarted", 2),
    RESPONSE_COMPLETE("ResponseComplete", 3),
    PANIC("Panic", 3);

    private final String wireName;
    private final int rank;

    Stage(String wireName, int rank) {
        this.wireName = wireName;
        this.rank = rank;
    }

    public String wireName() {
        return wireName;
    }

    /** Higher ranks carry the final outcome: Panic and ResponseComplete, then ResponseStarted. */
    public int rank() {
        return rank;
    }

    /** Whether no later stage can replace it: ResponseComplete and Panic end a request. */
    public boolean isFinal() {
        return rank >= RESPONSE_COMPLETE.rank;
    }

    /** Whether the authorization outcome is known at this stage (never at RequestReceived). */
    public boolean carriesOutcome() {
        return this != REQUEST_RECEIVED;
    }

    /** The stage for an audit {@code stage} value; a missing stage (single-stage exports) counts as ResponseComplete. */
    public static Stage parse(String value) {
        if (value == null || value.isEmpty()) {
            return RESPONSE_COMPLETE;
        }
        for (Stage stage : values()) {
            if (stage.wireName.equals(value)) {
                return stage;
            }
        }
        throw new IllegalArgumentException("unknown audit stage \"" + value + "\"");
    }
}
