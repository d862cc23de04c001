package io.kubelpa.audit.format;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.ObjectReference;
import io.kubelpa.audit.Stage;
import io.kubelpa.authz.UserInfo;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
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
        CodecOutput out = new CodecOutput(256);
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
        return out.toByteArray();
    }

    public static AuditEvent decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            int version = in.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown event encoding version " + version);
            }
            String auditID = string(in);
            Stage stage = Stage.values()[in.get()];
            String level = string(in);
            String verb = string(in);
            String uri = string(in);
            UserInfo user = user(in);
            UserInfo impersonated = in.get() != 0 ? user(in) : null;
            ObjectReference ref = in.get() != 0
                    ? new ObjectReference(string(in), string(in), string(in), string(in), string(in))
                    : null;
            return new AuditEvent(
                    auditID,
                    stage,
                    level,
                    verb,
                    uri,
                    user,
                    impersonated,
                    ref,
                    in.getInt(),
                    optional(in),
                    optional(in),
                    in.getLong(),
                    in.get() != 0,
                    optional(in));
        } catch (BufferUnderflowException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("truncated or damaged event encoding", e);
        }
    }

    private static void string(CodecOutput out, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (mayHoldLoneSurrogate(value, utf8) && hasLoneSurrogate(value)) {
            // UTF-8 cannot carry it (JSON's "\ud800" can): the UTF-16 code units, under a negative length.
            out.writeInt(-1 - value.length());
            out.writeChars(value);
            return;
        }
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /**
     * False when {@code value} surely has no lone surrogate: UTF-8 wrote one byte per character and none
     * of them is the '?' a lone surrogate becomes. The common case, and a scan of bytes, not characters.
     */
    private static boolean mayHoldLoneSurrogate(String value, byte[] utf8) {
        if (utf8.length != value.length()) {
            return true;
        }
        for (byte b : utf8) {
            if (b == '?') {
                return true;
            }
        }
        return false;
    }

    private static boolean hasLoneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            char[] chars = new char[-1 - length];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = in.getChar();
            }
            return new String(chars);
        }
        byte[] utf8 = new byte[length];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static void optional(CodecOutput out, String value) {
        out.writeBoolean(value != null);
        if (value != null) {
            string(out, value);
        }
    }

    private static String optional(ByteBuffer in) {
        return in.get() != 0 ? string(in) : null;
    }

    private static void user(CodecOutput out, UserInfo user) {
        string(out, user.name());
        string(out, user.uid());
        strings(out, user.groups());
        out.writeInt(user.extra().size());
        for (Map.Entry<String, List<String>> entry : user.extra().entrySet()) {
            string(out, entry.getKey());
            strings(out, entry.getValue());
        }
    }

    private static UserInfo user(ByteBuffer in) {
        String name = string(in);
        String uid = string(in);
        List<String> groups = strings(in);
        int extras = in.getInt();
        Map<String, List<String>> extra = new TreeMap<>();
        for (int i = 0; i < extras; i++) {
            extra.put(string(in), strings(in));
        }
        return new UserInfo(name, uid, groups, extra);
    }

    private static void strings(CodecOutput out, List<String> values) {
        out.writeInt(values.size());
        for (String value : values) {
            string(out, value);
        }
    }

    private static List<String> strings(ByteBuffer in) {
        int count = in.getInt();
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(string(in));
        }
        return values;
    }
}
