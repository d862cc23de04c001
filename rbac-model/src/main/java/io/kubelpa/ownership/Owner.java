package io.kubelpa.ownership;

import java.util.Locale;

/** Who owns an RBAC object, and so who may change it. */
public enum Owner {
    /** Kubernetes itself, a managed Kubernetes service or a cluster add-on: reconciled back, never proposed for change. */
    PLATFORM,
    /** A controller or an installer (Helm, OLM, Argo CD, Flux): changed where its owner defines it. */
    MANAGED,
    /** Everything else: the user's own. */
    YOURS;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
