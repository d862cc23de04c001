package io.kubelpa.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubelpa.cluster.ClusterRbacReader;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ManifestException;
import io.kubelpa.rbac.ManifestLoad;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.rbac.RbacSnapshot;
import io.kubelpa.rbac.SnapshotAssembler;
import io.kubelpa.rbac.SourceLocation;
import java.io.File;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the RBAC picture comes from: manifests (--rbac) or a live cluster (--kubeconfig/--context). */
final class RbacInputOptions {

    @Option(
            names = "--rbac",
            paramLabel = "PATH",
            arity = "1..*",
            description = "RBAC manifests: files or directories (recursive; YAML or JSON; '-' for stdin). Repeatable.")
    List<String> rbacPaths = new ArrayList<>();

    @Option(
            names = "--kubeconfig",
            paramLabel = "FILE",
            description =
                    "Read RBAC from the cluster of this kubeconfig (default when no --rbac: $KUBECONFIG or ~/.kube/config).")
    File kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context to use.")
    String context;

    @Option(
            names = "--no-builtin-roles",
            description =
                    "Do not add Kubernetes' built-in roles (cluster-admin, admin, edit, view, system:*) that bindings reference but the input does not define.")
    boolean noBuiltinRoles;

    @Option(
            names = "--no-builtin-bindings",
            description =
                    "Do not add Kubernetes' built-in bindings (e.g. system:basic-user, system:discovery) the input does not"
                            + " define; by default they are added, as every real cluster has them.")
    boolean noBuiltinBindings;

    /** Kept so scripts written when the built-in bindings were opt-in still run; they are the default now. */
    @Option(names = "--builtin-bindings", hidden = true)
    boolean builtinBindings;

    @Option(
            names = "--page-size",
            paramLabel = "N",
            defaultValue = "500",
            description = "Objects per list request when reading a live cluster (default: ${DEFAULT-VALUE}).")
    long pageSize;

    /** Where each object read from manifests was defined; empty for a live cluster. */
    Map<ObjectRef, SourceLocation> sources = Map.of();

    RbacSnapshot load(InputStream stdin, PrintWriter err, boolean verbose) {
        return SnapshotAssembler.assemble(loadObjects(stdin, err, verbose), mode());
    }

    /** The RBAC objects as read, before built-in roles and aggregation are resolved. */
    RbacObjects loadObjects(InputStream stdin, PrintWriter err, boolean verbose) {
        return rbacPaths.isEmpty() ? readCluster() : readManifests(stdin, err, verbose);
    }

    BuiltinMode mode() {
        if (builtinBindings && noBuiltinBindings) {
            throw new CliException(ExitCodes.USAGE, "--builtin-bindings and --no-builtin-bindings exclude each other");
        }
        if (noBuiltinRoles) {
            if (builtinBindings) {
                throw new CliException(ExitCodes.USAGE, "--no-builtin-roles and --builtin-bindings exclude each other");
            }
            return BuiltinMode.NONE;
        }
        return noBuiltinBindings ? BuiltinMode.REFERENCED_ROLES : BuiltinMode.ROLES_AND_BINDINGS;
    }

    private RbacObjects readManifests(InputStream stdin, PrintWriter err, boolean verbose) {
        if (kubeconfig != null || context != null) {
            throw new CliException(ExitCodes.USAGE, "use either --rbac or --kubeconfig/--context, not both");
        }
        try {
            ManifestLoad load = new ManifestReader().read(rbacPaths, stdin);
            if (verbose) {
                err.println("lpa: " + load.summary());
            }
            sources = load.sources();
            return load.objects();
        } catch (ManifestException e) {
            throw new CliException(ExitCodes.ERROR, e.getMessage());
        }
    }

    private RbacObjects readCluster() {
        if (pageSize <= 0) {
            throw new CliException(ExitCodes.USAGE, "--page-size must be positive, not " + pageSize);
        }
        if (kubeconfig != null && !kubeconfig.isFile()) {
            throw new CliException(ExitCodes.ERROR, "kubeconfig " + kubeconfig + " does not exist");
        }
        if (kubeconfig == null && !clusterConfigured(System.getenv(), System.getProperty("user.home"))) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "no RBAC to read: give --rbac with manifests, or --kubeconfig (none at $KUBECONFIG or "
                            + "~/.kube/config, and not running in a cluster)");
        }
        Config config;
        try {
            config = kubeconfig != null ? Config.fromKubeconfig(context, kubeconfig) : Config.autoConfigure(context);
        } catch (KubernetesClientException e) {
            throw new CliException(ExitCodes.ERROR, "cannot use the kubeconfig: " + oneLine(e));
        }
        // A command line should fail within seconds when the cluster is unreachable, not retry for minutes.
        config.setRequestRetryBackoffLimit(1);
        try (KubernetesClient client =
                new KubernetesClientBuilder().withConfig(config).build()) {
            return new ClusterRbacReader(client, pageSize).read();
        } catch (KubernetesClientException e) {
            throw new CliException(
                    ExitCodes.ERROR,
                    "cannot read RBAC from the cluster at " + config.getMasterUrl() + ": " + oneLine(e));
        }
    }

    /** Whether the client library would find a cluster: a kubeconfig file, or a pod's service account. */
    static boolean clusterConfigured(Map<String, String> env, String home) {
        String paths = env.get("KUBECONFIG");
        if (paths != null && !paths.isBlank()) {
            return java.util.Arrays.stream(paths.split(File.pathSeparator))
                    .anyMatch(p -> !p.isBlank() && new File(p).isFile());
        }
        return new File(home, ".kube/config").isFile()
                || (env.get("KUBERNETES_SERVICE_HOST") != null
                        && new File("/var/run/secrets/kubernetes.io/serviceaccount/token").isFile());
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e.getCause() != null
                && e.getCause().getMessage() != null
                && !message.contains(e.getCause().getMessage())) {
            message += ": " + e.getCause().getMessage();
        }
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
