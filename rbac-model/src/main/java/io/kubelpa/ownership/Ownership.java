package io.kubelpa.ownership;

/**
 * An object's owner and the rule that decided it, in words a report can show; for a managed object,
 * {@code changeAt} says where a change belongs (the chart release, the operator, the synced source).
 */
public record Ownership(Owner owner, String rule, String changeAt) {
    public static final Ownership YOURS = new Ownership(Owner.YOURS, "no platform or manager marks", null);

    public Ownership(Owner owner, String rule) {
        this(owner, rule, null);
    }

    public boolean isPlatform() {
        return owner == Owner.PLATFORM;
    }

    public boolean isManaged() {
        return owner == Owner.MANAGED;
    }

    @Override
    public String toString() {
        return owner + " (" + rule + (changeAt == null ? "" : "; change it in " + changeAt) + ")";
    }
}
