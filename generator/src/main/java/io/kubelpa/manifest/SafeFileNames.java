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
        String name = stem.toString();
        if (name.length() > MAX_STEM) {
            name = name.substring(0, MAX_STEM - 17) + "~" + hash(ref.toString());
        }
        return name + ".yaml";
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
