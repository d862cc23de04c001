package io.kubelpa.manifest;

import io.kubelpa.rbac.ObjectRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * File names for objects whose names come from untrusted input: kind, namespace and name joined by
 * '.', every byte outside {@code [a-z0-9-]} written as {@code _xx} (so ':' in {@code system:} names,
 * dots, slashes and '_' itself cannot collide or climb out), long names cut and suffixed with a hash.
 * The result always resolves inside the directory.
 */
public final class SafeFileNames {
    private static final int MAX_STEM = 200;

    private SafeFileNames() {}

    public static String of(ObjectRef ref) {
        StringBuilder stem = new StringBuilder(ref.kind().toLowerCase(Locale.ROOT));
        if (ref.namespaced()) {
            stem.append('.').append(escape(ref.namespace()));
        }
        stem.append('.').append(escape(ref.name()));
        return bounded(stem.toString(), ref.toString()) + ".yaml";
    }

    /**
     * A file for an object name kube-lpa made itself ({@code lpa:user:alice}), kept readable: ':' as
     * '_', every other byte outside {@code [A-Za-z0-9.~-]} as {@code %XX} ('_' too, so two names
     * never share a file), long names cut and suffixed with a hash.
     */
    public static String ofGeneratedName(String name) {
        StringBuilder stem = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c == ':') {
                stem.append('_');
            } else if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || ".-~".indexOf(c) >= 0) {
                stem.append(c);
            } else {
                stem.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return bounded(stem.toString(), name) + ".yaml";
    }

    /** The stem, or past the limit its start and a hash of {@code whole}, so cut names stay apart. */
    private static String bounded(String stem, String whole) {
        return stem.length() > MAX_STEM ? stem.substring(0, MAX_STEM - 17) + "~" + hash(whole) : stem;
    }

    /** {@code dir/of(ref)}, checked to stay inside {@code dir}. */
    public static Path resolve(Path dir, ObjectRef ref) {
        Path base = dir.toAbsolutePath().normalize();
        Path file = base.resolve(of(ref)).normalize();
        if (!file.getParent().equals(base)) {
            throw new IllegalArgumentException("refusing to write outside " + base + ": " + ref);
        }
        return file;
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
                out.append(c);
            } else {
                out.append('_').append(String.format(Locale.ROOT, "%02x", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
