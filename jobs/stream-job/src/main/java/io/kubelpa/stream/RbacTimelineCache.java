package io.kubelpa.stream;

import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.usage.RbacChange;
import io.kubelpa.usage.RbacTimeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The RBAC timeline built from the starting objects and the broadcast updates, rebuilt only when an
 * update arrived since (updates are rare; requests are many).
 */
final class RbacTimelineCache {
    private final RbacObjects initial;
    private final BuiltinMode mode;
    private RbacTimeline timeline;

    RbacTimelineCache(RbacObjects initial, BuiltinMode mode) {
        this.initial = initial;
        this.mode = mode;
    }

    RbacObjects initial() {
        return initial;
    }

    void invalidate() {
        timeline = null;
    }

    RbacTimeline timeline(Iterable<Map.Entry<String, RbacUpdate>> updates) {
        if (timeline == null) {
            List<RbacChange> all = new ArrayList<>();
            for (Map.Entry<String, RbacUpdate> update : updates) {
                all.addAll(update.getValue().changes());
            }
            timeline = new RbacTimeline(initial, mode, all);
        }
        return timeline;
    }

    /** The changes of the last built timeline, in time order. */
    List<RbacChange> changes() {
        return timeline == null ? List.of() : timeline.changes();
    }
}
