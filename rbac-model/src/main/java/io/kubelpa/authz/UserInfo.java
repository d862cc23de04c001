package io.kubelpa.authz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An authenticated identity: user name, uid, groups and extra attributes. RBAC decides on name and
 * groups only; uid and extra matter for impersonation checks.
 */
public record UserInfo(String name, String uid, List<String> groups, Map<String, List<String>> extra) {
    public static final String ANONYMOUS = "system:anonymous";
    public static final String AUTHENTICATED = "system:authenticated";
    public static final String UNAUTHENTICATED = "system:unauthenticated";
    public static final String SERVICE_ACCOUNTS = "system:serviceaccounts";
    public static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    public UserInfo {
        Objects.requireNonNull(name, "name");
        uid = uid == null ? "" : uid;
        groups = List.copyOf(groups);
        extra = extra == null ? Map.of() : Map.copyOf(new TreeMap<>(extra));
    }

    public UserInfo(String name, List<String> groups) {
        this(name, "", groups, Map.of());
    }

    /**
     * The user with the groups authentication adds: {@code system:authenticated} for everyone but
     * {@code system:anonymous} (who gets {@code system:unauthenticated}); service accounts also get
     * {@code system:serviceaccounts} and {@code system:serviceaccounts:<namespace>}.
     */
    public static UserInfo withDefaultGroups(String name, List<String> extraGroups) {
        List<String> groups = new ArrayList<>(extraGroups);
        ServiceAccountName account = ServiceAccountName.parse(name);
        if (account != null) {
            addOnce(groups, SERVICE_ACCOUNTS);
            addOnce(groups, SERVICE_ACCOUNTS + ":" + account.namespace());
        }
        addOnce(groups, ANONYMOUS.equals(name) ? UNAUTHENTICATED : AUTHENTICATED);
        return new UserInfo(name, groups);
    }

    /**
     * The user the API server builds for an impersonated request ({@code kubectl --as/--as-group}):
     * the given groups; service-account groups only when no group was given; then
     * {@code system:authenticated} (or {@code system:unauthenticated} for {@code system:anonymous})
     * unless either of those was given.
     */
    public static UserInfo impersonated(String name, List<String> requestedGroups) {
        if (requestedGroups.isEmpty()) {
            return withDefaultGroups(name, List.of());
        }
        List<String> groups = new ArrayList<>(requestedGroups);
        if (ANONYMOUS.equals(name)) {
            addOnce(groups, UNAUTHENTICATED);
        } else if (!groups.contains(AUTHENTICATED) && !groups.contains(UNAUTHENTICATED)) {
            groups.add(AUTHENTICATED);
        }
        return new UserInfo(name, groups);
    }

    /** Whether {@link #withDefaultGroups} adds {@code group} for some user: a group the user's name alone implies. */
    public static boolean isDefaultGroup(String group) {
        return group.equals(AUTHENTICATED)
                || group.equals(UNAUTHENTICATED)
                || group.equals(SERVICE_ACCOUNTS)
                || group.startsWith(SERVICE_ACCOUNTS + ":");
    }

    private static void addOnce(List<String> groups, String group) {
        if (!groups.contains(group)) {
            groups.add(group);
        }
    }

    /** A service account user name {@code system:serviceaccount:<namespace>:<name>}, split. */
    public record ServiceAccountName(String namespace, String name) {
        public static ServiceAccountName parse(String username) {
            if (username == null || !username.startsWith(SERVICE_ACCOUNT_PREFIX)) {
                return null;
            }
            String rest = username.substring(SERVICE_ACCOUNT_PREFIX.length());
            int colon = rest.indexOf(':');
            if (colon <= 0 || colon == rest.length() - 1 || rest.indexOf(':', colon + 1) >= 0) {
                return null;
            }
            return new ServiceAccountName(rest.substring(0, colon), rest.substring(colon + 1));
        }

        public String username() {
            return SERVICE_ACCOUNT_PREFIX + namespace + ":" + name;
        }
    }
}
