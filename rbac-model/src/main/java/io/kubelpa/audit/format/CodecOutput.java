package io.kubelpa.audit.format;

import java.util.Arrays;

/**
 * A growable byte buffer writing what {@link java.io.DataOutputStream} writes (big-endian numbers,
 * booleans as one byte, chars as two), without its per-byte locking on a
 * {@link java.io.ByteArrayOutputStream}: the event codec runs once per audit event.
 */
final class CodecOutput {
    private byte[] bytes;
    private int size;

    CodecOutput(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    void writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    void writeBoolean(boolean value) {
        writeByte(value ? 1 : 0);
    }

    void writeInt(int value) {
        ensure(4);
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    void writeLong(long value) {
        writeInt((int) (value >>> 32));
        writeInt((int) value);
    }

    void write(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
    }

    void writeChars(String value) {
        ensure(2 * value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            bytes[size++] = (byte) (c >>> 8);
            bytes[size++] = (byte) c;
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, size + more));
        }
    }
}
