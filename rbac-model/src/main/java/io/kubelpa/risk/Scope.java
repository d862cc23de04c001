package io.kubelpa.risk;

/** Where a grant takes effect: cluster-wide (ClusterRoleBinding) or in one namespace. */
public record Scope(String namespace) implements Comparable<Scope> {
    public static final Scope CLUSTER = new Scope("");

    public Scope {
        namespace = namespace == null ? "" : namespace;
    }

    public static Scope namespace(String namespace) {
        return new Scope(namespace);
    }

    public boolean isCluster() {
        return namespace.isEmpty();
    }

    @Override
    public String toString() {
        return isCluster() ? "cluster" : "namespace:" + namespace;
    }

    @Override
    public int compareTo(Scope other) {
        return namespace.compareTo(other.namespace);
    }
}
