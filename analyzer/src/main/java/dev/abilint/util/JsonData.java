package dev.abilint.util;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * abilint's own data files (rule catalogue, Linux policies, path conventions) as plain maps, lists,
 * strings, numbers and booleans, read with Jackson's streaming parser. Not jackson-databind: building
 * an ObjectMapper and its deserializers costs a cold JVM a few hundred milliseconds, which is most of
 * a short scan; these files need none of it.
 */
public final class JsonData {
    private static final JsonFactory FACTORY = new JsonFactory();
    /** Deeper nesting than any data file has is an error (and no stack overflow). */
    private static final int MAX_DEPTH = 64;

    private JsonData() {}

    /** The file's top-level object. */
    public static Map<String, Object> object(InputStream in) throws IOException {
        try (JsonParser parser = FACTORY.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("data file is not a JSON object");
            }
            return readObject(parser, 0);
        }
    }

    private static Object value(JsonParser parser, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("data file nests deeper than " + MAX_DEPTH);
        }
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                return readObject(parser, depth + 1);
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(parser, depth + 1));
                }
                return Collections.unmodifiableList(list);
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected " + token + " in data file");
        }
    }

    private static Map<String, Object> readObject(JsonParser parser, int depth) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            map.put(name, value(parser, depth));
        }
        return Collections.unmodifiableMap(map);
    }

    /** A member that must be an object (empty when absent). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<String, Object> parent, String name) {
        Object v = parent.get(name);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** A member that must be an array (empty when absent). */
    @SuppressWarnings("unchecked")
    public static List<Object> list(Map<String, Object> parent, String name) {
        Object v = parent.get(name);
        return v instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** A member that must be an array of objects (empty when absent; an item that is not an object reads as empty). */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> objectList(Map<String, Object> parent, String name) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object item : list(parent, name)) {
            out.add(item instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
        }
        return out;
    }

    /** A member that must be an array of strings (empty when absent). */
    public static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> l) {
            for (Object o : l) {
                out.add(String.valueOf(o));
            }
        }
        return List.copyOf(out);
    }

    /** A string member, or {@code fallback} when absent or not a string. */
    public static String text(Map<String, Object> parent, String name, String fallback) {
        return parent.get(name) instanceof String s ? s : fallback;
    }

    public static boolean bool(Map<String, Object> parent, String name) {
        return Boolean.TRUE.equals(parent.get(name));
    }

    public static long number(Map<String, Object> parent, String name, long fallback) {
        return parent.get(name) instanceof Number n ? n.longValue() : fallback;
    }

    /** Each member of an object, as objects ({@code name -> {...}}). */
    @SuppressWarnings("unchecked")
    public static Map<String, Map<String, Object>> objects(Map<String, Object> parent, String name) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        map(parent, name).forEach((k, v) -> out.put(k, v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of()));
        return out;
    }
}
