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
public final class RbacTimelineCache {
    private final RbacObjects initial;
    private final BuiltinMode mode;
    private RbacTimeline timeline;

    public RbacTimelineCache(RbacObjects initial, BuiltinMode mode) {
        this.initial = initial;
        this.mode = mode;
    }

    public RbacObjects initial() {
        return initial;
    }

    public void invalidate() {
        timeline = null;
    }

    public RbacTimeline timeline(Iterable<Map.Entry<String, RbacUpdate>> updates) {
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
    public List<RbacChange> changes() {
        return timeline == null ? List.of() : timeline.changes();
    }
}
