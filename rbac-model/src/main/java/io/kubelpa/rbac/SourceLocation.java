package io.kubelpa.rbac;

/** Where an RBAC object was defined: the manifest file and the line its document starts on (1-based). */
public record SourceLocation(String file, int line) {}
