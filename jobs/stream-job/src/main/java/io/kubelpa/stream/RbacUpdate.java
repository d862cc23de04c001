package io.kubelpa.stream;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.format.AuditEventCodec;
import io.kubelpa.job.EventRecord;
import io.kubelpa.rbac.ManifestException;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.usage.RbacChange;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * A change to the RBAC picture, broadcast to every task: an RBAC write seen in the audit stream (the
 * event in compact form), or manifests from the RBAC topic (applied from the message's time on).
 * {@code id} identifies it, so a redelivery replaces rather than repeats it.
 */
public final class RbacUpdate {
    /** Where every task keeps the updates it was sent, by id. */
    public static final MapStateDescriptor<String, RbacUpdate> BROADCAST_STATE =
            new MapStateDescriptor<>("rbac-updates", Types.STRING, Types.POJO(RbacUpdate.class));

    private static final String TOPIC_PREFIX = "topic:";

    public String id;
    public long timeMicros;
    public byte[] auditEvent;
    public String manifests;
    /** Set when the message could not carry manifests (empty, oversized): the reason it is a dead letter. */
    public String rejection;

    public RbacUpdate() {}

    static RbacUpdate rejected(String location, long timeMicros, String reason) {
        RbacUpdate update = ofManifests(location, timeMicros, null);
        update.rejection = reason;
        return update;
    }

    /** Where a message of the RBAC topic came from (topic-partition@offset). */
    String location() {
        return id.startsWith(TOPIC_PREFIX) ? id.substring(TOPIC_PREFIX.length()) : id;
    }

    static RbacUpdate ofWrite(EventRecord write) {
        RbacUpdate update = new RbacUpdate();
        update.id = "audit:" + write.auditID;
        update.timeMicros = write.timeMicros;
        update.auditEvent = write.event;
        return update;
    }

    static RbacUpdate ofManifests(String location, long timeMicros, String manifests) {
        RbacUpdate update = new RbacUpdate();
        update.id = TOPIC_PREFIX + location;
        update.timeMicros = timeMicros;
        update.manifests = manifests;
        return update;
    }

    /** The changes this update makes; none when it cannot be read (an audit write without content stays partial). */
    List<RbacChange> changes() {
        if (auditEvent != null) {
            AuditEvent event = AuditEventCodec.decode(auditEvent);
            return RbacChange.of(event).map(List::of).orElse(List.of());
        }
        if (manifests == null) {
            return List.of();
        }
        try {
            RbacObjects objects = new ManifestReader().readString(id, manifests).objects();
            List<RbacChange> changes = new ArrayList<>();
            Stream.of(objects.roles(), objects.clusterRoles(), objects.roleBindings(), objects.clusterRoleBindings())
                    .flatMap(List::stream)
                    .forEach(o -> changes.add(new RbacChange(timeMicros, ObjectRef.of(o), o, false, id)));
            return changes;
        } catch (ManifestException e) {
            return List.of();
        }
    }
}
