package io.kubelpa.ownership;

/** An object's owner and the rule that decided it, in words a report can show. */
public record Ownership(Owner owner, String rule) {
    public static final Ownership YOURS = new Ownership(Owner.YOURS, "no platform or manager marks");

    public boolean isPlatform() {
        return owner == Owner.PLATFORM;
    }

    @Override
    public String toString() {
        return owner + " (" + rule + ")";
    }
}
