package dev.srpo.libero;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ArrayValue;
import org.msgpack.value.MapValue;
import org.msgpack.value.Value;

/**
 * The bridge's messages as plain Java values: maps with string keys, lists, strings, longs, doubles, booleans,
 * byte arrays (msgpack bin: frames travel as raw bytes) and null; float arrays are written as arrays of floats.
 */
final class Msgpack {

    private Msgpack() {}

    static byte[] encode(Map<String, ?> message) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            write(packer, message);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(MessageBufferPacker p, Object v) throws IOException {
        if (v == null) {
            p.packNil();
        } else if (v instanceof String s) {
            p.packString(s);
        } else if (v instanceof Boolean b) {
            p.packBoolean(b);
        } else if (v instanceof Integer || v instanceof Long) {
            p.packLong(((Number) v).longValue());
        } else if (v instanceof Float f) {
            p.packFloat(f);
        } else if (v instanceof Double d) {
            p.packDouble(d);
        } else if (v instanceof byte[] bytes) {
            p.packBinaryHeader(bytes.length);
            p.writePayload(bytes);
        } else if (v instanceof float[] fs) {
            p.packArrayHeader(fs.length);
            for (float f : fs) {
                p.packFloat(f);
            }
        } else if (v instanceof float[][] rows) {
            p.packArrayHeader(rows.length);
            for (float[] row : rows) {
                write(p, row);
            }
        } else if (v instanceof List<?> list) {
            p.packArrayHeader(list.size());
            for (Object o : list) {
                write(p, o);
            }
        } else if (v instanceof Map<?, ?> map) {
            p.packMapHeader(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                p.packString(e.getKey().toString());
                write(p, e.getValue());
            }
        } else {
            throw new IllegalArgumentException("cannot encode a " + v.getClass().getName() + " in a bridge message");
        }
    }

    /** Decodes one message; it must be a map. */
    static Map<String, Object> decode(byte[] bytes) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            Object v = toJava(u.unpackValue());
            if (!(v instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("a bridge message is a msgpack map, got " + v);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) v;
            return map;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a msgpack message: " + e.getMessage(), e);
        }
    }

    private static Object toJava(Value v) {
        return switch (v.getValueType()) {
            case NIL -> null;
            case BOOLEAN -> v.asBooleanValue().getBoolean();
            case INTEGER -> v.asIntegerValue().toLong();
            case FLOAT -> v.asFloatValue().toDouble();
            case STRING -> v.asStringValue().asString();
            case BINARY -> v.asBinaryValue().asByteArray();
            case ARRAY -> {
                ArrayValue a = v.asArrayValue();
                List<Object> out = new ArrayList<>(a.size());
                for (Value x : a) {
                    out.add(toJava(x));
                }
                yield out;
            }
            case MAP -> {
                MapValue m = v.asMapValue();
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<Value, Value> e : m.entrySet()) {
                    Value k = e.getKey();
                    out.put(k.isStringValue() ? k.asStringValue().asString() : k.toString(), toJava(e.getValue()));
                }
                yield out;
            }
            case EXTENSION ->
                throw new IllegalArgumentException("msgpack extension types are not part of the protocol");
        };
    }

    static float[] floats(Object list) {
        List<?> l = (List<?>) list;
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).floatValue();
        }
        return out;
    }
}
