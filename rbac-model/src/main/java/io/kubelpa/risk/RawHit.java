package io.kubelpa.risk;

import java.util.List;

/**
 * One pattern found on one rule of a holding, before hits are grouped into risks: the related
 * rules of a paired pattern, the ids a full wildcard includes, the severity at that holding's scope,
 * and the holders it applies to.
 */
record RawHit(
        EscalationPattern pattern,
        Holding holding,
        int ruleIndex,
        List<Integer> related,
        List<String> includes,
        Severity severity,
        List<Risk.Holder> holders) {}
