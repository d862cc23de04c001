package io.kubelpa.stream;

import io.kubelpa.job.DecodeFunction;
import io.kubelpa.rbac.ManifestException;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.usage.UsageCounters;
import io.kubelpa.usage.UsageReport.DeadLetter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Lets through the RBAC topic's messages that hold RBAC objects; the others (empty, oversized,
 * unreadable, or without a Role, ClusterRole or binding) go to the dead letters with the reader's
 * one-line reason, counted, so a broken manifest is seen rather than silently ignored.
 */
final class RbacTopicCheck extends ProcessFunction<RbacUpdate, RbacUpdate> {
    private transient StreamCounters counters;

    @Override
    public void open(OpenContext context) {
        counters = new StreamCounters(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(RbacUpdate update, Context context, Collector<RbacUpdate> out) {
        if (update.rejection != null) {
            reject(
                    update,
                    update.rejection,
                    update.rejection.equals("oversized")
                            ? "message over the size limit (lpa.kafka.max-message-bytes); its bytes were not kept"
                            : "no manifests in the message",
                    context);
            return;
        }
        RbacObjects objects;
        try {
            objects = new ManifestReader()
                    .readString(update.location(), update.manifests)
                    .objects();
        } catch (ManifestException e) {
            reject(update, "invalid-rbac-manifest", e.getMessage(), context);
            return;
        }
        if (objects.roles().isEmpty()
                && objects.clusterRoles().isEmpty()
                && objects.roleBindings().isEmpty()
                && objects.clusterRoleBindings().isEmpty()) {
            reject(
                    update,
                    "no-rbac-objects",
                    "no Role, ClusterRole, RoleBinding or ClusterRoleBinding in the message",
                    context);
            return;
        }
        out.collect(update);
    }

    private void reject(RbacUpdate update, String reason, String detail, Context context) {
        counters.increment(UsageCounters.DEAD_LETTERED);
        counters.increment(UsageCounters.DEAD_LETTERED + "." + reason);
        context.output(DecodeFunction.DEAD_LETTERS, new DeadLetter(update.location(), reason, detail));
    }
}
