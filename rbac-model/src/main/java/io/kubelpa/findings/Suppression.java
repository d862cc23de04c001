package io.kubelpa.findings;

import java.time.LocalDate;

/**
 * Why a finding is accepted: the reason given, the last day the acceptance holds ({@code null}: no
 * end) and where it was said (a policy file's line, or an object's {@code kube-lpa.io/accept}
 * annotation). A suppressed finding is still reported, never counted by {@code --fail-on}.
 */
public record Suppression(String reason, LocalDate expires, String source) {}
