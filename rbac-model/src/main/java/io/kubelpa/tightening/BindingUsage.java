package io.kubelpa.tightening;

import io.kubelpa.authz.SubjectRef;
import io.kubelpa.usage.RequestShape;
import io.kubelpa.usage.ShapeUsage;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What went through one binding to one role in the window: the request shapes (each request once,
 * however many rules allowed it) and the binding subjects users matched through.
 */
public record BindingUsage(Map<RequestShape, ShapeUsage> shapes, Set<SubjectRef> subjects) {
    public static final BindingUsage NONE = new BindingUsage(Map.of(), Set.of());

    public BindingUsage {
        shapes = Map.copyOf(shapes);
        subjects = Set.copyOf(subjects);
    }

    public boolean used() {
        return !shapes.isEmpty();
    }

    public long requests() {
        return shapes.values().stream().mapToLong(ShapeUsage::count).sum();
    }

    public OptionalLong lastSeenMicros() {
        return shapes.values().stream().mapToLong(ShapeUsage::lastSeenMicros).max();
    }

    /** Namespaces of the requests; "" stands for cluster scope. */
    public Set<String> namespaces() {
        return shapes.keySet().stream().map(RequestShape::namespace).collect(Collectors.toCollection(TreeSet::new));
    }
}
