package io.kubelpa.ownership;

import io.kubelpa.rbac.ObjectPattern;

/** A policy's word on who owns some objects, ahead of every rule; {@code source} names the file and line. */
public record OwnershipOverride(ObjectPattern objects, Owner owner, String reason, String source) {
    Ownership ownership() {
        return new Ownership(owner, "policy " + source + ": " + reason);
    }
}
