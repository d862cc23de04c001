package io.kubelpa.ownership;

import io.kubelpa.authz.UserInfo;

/**
 * Identities that belong to the platform rather than to a team: Kubernetes reserves the user name
 * prefix {@code system:} (nodes, control-plane components, anonymous), Amazon EKS the prefix
 * {@code eks:}, and the accounts of {@code kube-system} run the cluster's own add-ons. Service accounts
 * of other namespaces are the teams'. kube-lpa never proposes roles for these identities.
 */
public final class PlatformSubjects {
    private PlatformSubjects() {}

    /** Why the user name is the platform's, or null when it is not. */
    public static String rule(String username) {
        UserInfo.ServiceAccountName account = UserInfo.ServiceAccountName.parse(username);
        if (account != null) {
            return "kube-system".equals(account.namespace())
                    ? "a service account of kube-system, which runs the cluster's own add-ons"
                    : null;
        }
        if (username.startsWith("system:")) {
            return "user name prefix system:, reserved for Kubernetes' own components";
        }
        if (username.startsWith("eks:")) {
            return "user name prefix eks:, reserved for Amazon EKS";
        }
        return null;
    }
}
