package io.kubelpa.policy;

/** A policy file that cannot be used: the message is one line naming the file, the line and the field. */
public final class PolicyException extends IllegalArgumentException {
    PolicyException(String message) {
        super(message);
    }
}
