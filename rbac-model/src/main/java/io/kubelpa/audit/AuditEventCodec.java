package io.kubelpa.audit;

import io.kubelpa.authz.UserInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A compact, lossless binary form of {@link AuditEvent}, for passing events between distributed
 * operators and keeping them in state without a general-purpose serializer. Strings are
 * length-prefixed UTF-8 (no length limit), or UTF-16 when they hold a lone surrogate; absent values
 * are flagged.
 */
public final class AuditEventCodec {
    private static final int VERSION = 2;

    private AuditEventCodec() {}

    public static byte[] encode(AuditEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            string(out, event.auditID());
            out.writeByte(event.stage().ordinal());
            string(out, event.level());
            string(out, event.verb());
            string(out, event.requestURI());
            user(out, event.user());
            out.writeBoolean(event.impersonatedUser() != null);
            if (event.impersonatedUser() != null) {
                user(out, event.impersonatedUser());
            }
            ObjectReference ref = event.objectRef();
            out.writeBoolean(ref != null);
            if (ref != null) {
                string(out, ref.apiGroup());
                string(out, ref.resource());
                string(out, ref.subresource());
                string(out, ref.namespace());
                string(out, ref.name());
            }
            out.writeInt(event.responseCode());
            optional(out, event.decision());
            optional(out, event.reason());
            out.writeLong(event.timeMicros());
            out.writeBoolean(event.degraded());
            optional(out, event.rbacObjectJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static AuditEvent decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown event encoding version " + version);
            }
            String auditID = string(in);
            Stage stage = Stage.values()[in.readByte()];
            String level = string(in);
            String verb = string(in);
            String uri = string(in);
            UserInfo user = user(in);
            UserInfo impersonated = in.readBoolean() ? user(in) : null;
            ObjectReference ref = in.readBoolean()
                    ? new ObjectReference(string(in), string(in), string(in), string(in), string(in))
                    : null;
            return new AuditEvent(auditID, stage, level, verb, uri, user, impersonated, ref, in.readInt(),
                    optional(in), optional(in), in.readLong(), in.readBoolean(), optional(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void string(DataOutputStream out, String value) throws IOException {
        if (hasLoneSurrogate(value)) {
            // UTF-8 cannot carry it (JSON's "\ud800" can): the UTF-16 code units, under a negative length.
            out.writeInt(-1 - value.length());
            out.writeChars(value);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static boolean hasLoneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String string(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            char[] chars = new char[-1 - length];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = in.readChar();
            }
            return new String(chars);
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static void optional(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            string(out, value);
        }
    }

    private static String optional(DataInputStream in) throws IOException {
        return in.readBoolean() ? string(in) : null;
    }

    private static void user(DataOutputStream out, UserInfo user) throws IOException {
        string(out, user.name());
        string(out, user.uid());
        strings(out, user.groups());
        out.writeInt(user.extra().size());
        for (Map.Entry<String, List<String>> entry : user.extra().entrySet()) {
            string(out, entry.getKey());
            strings(out, entry.getValue());
        }
    }

    private static UserInfo user(DataInputStream in) throws IOException {
        String name = string(in);
        String uid = string(in);
        List<String> groups = strings(in);
        int extras = in.readInt();
        Map<String, List<String>> extra = new TreeMap<>();
        for (int i = 0; i < extras; i++) {
            extra.put(string(in), strings(in));
        }
        return new UserInfo(name, uid, groups, extra);
    }

    private static void strings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            string(out, value);
        }
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(string(in));
        }
        return values;
    }
}
