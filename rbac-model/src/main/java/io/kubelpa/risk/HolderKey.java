package io.kubelpa.risk;

/** A binding subject as risks are grouped by it (the binding it came through left out). */
record HolderKey(String kind, String name, String namespace) {
    static HolderKey of(Risk.Holder holder) {
        return new HolderKey(holder.kind(), holder.name(), holder.namespace());
    }
}
