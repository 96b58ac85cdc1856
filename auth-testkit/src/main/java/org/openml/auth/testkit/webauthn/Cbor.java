package org.openml.auth.testkit.webauthn;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The little CBOR (RFC 8949) a software authenticator writes: unsigned and negative integers,
 * byte strings, text strings and maps, in definite lengths. Map entries are written in the order
 * given, so callers pass them in canonical order (shorter keys first).
 */
final class Cbor {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Cbor() {}

    static byte[] encode(Object value) {
        Cbor cbor = new Cbor();
        cbor.write(value);
        return cbor.out.toByteArray();
    }

    private void write(Object value) {
        if (value instanceof Integer i) {
            writeInt(i.longValue());
        } else if (value instanceof Long l) {
            writeInt(l);
        } else if (value instanceof byte[] bytes) {
            head(2, bytes.length);
            out.writeBytes(bytes);
        } else if (value instanceof String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            head(3, utf8.length);
            out.writeBytes(utf8);
        } else if (value instanceof Map<?, ?> map) {
            head(5, map.size());
            map.forEach((k, v) -> {
                write(k);
                write(v);
            });
        } else {
            throw new IllegalArgumentException("cannot encode " + (value == null ? "null" : value.getClass()));
        }
    }

    private void writeInt(long v) {
        if (v >= 0) head(0, v);
        else head(1, -1 - v);
    }

    private void head(int major, long length) {
        int mt = major << 5;
        if (length < 24) {
            out.write(mt | (int) length);
        } else if (length < 0x100) {
            out.write(mt | 24);
            out.write((int) length);
        } else if (length < 0x10000) {
            out.write(mt | 25);
            out.write((int) (length >> 8));
            out.write((int) length & 0xFF);
        } else {
            out.write(mt | 26);
            for (int shift = 24; shift >= 0; shift -= 8) out.write((int) (length >> shift) & 0xFF);
        }
    }
}
