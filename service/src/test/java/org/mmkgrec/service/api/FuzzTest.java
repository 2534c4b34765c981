package org.mmkgrec.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of every route over loopback: malformed paths, percent-encoding, parameters, JSON
 * bodies, content types and methods, with the API key, without it and with a wrong one. Requests go
 * out as raw HTTP/1.1 bytes (an HTTP client would refuse to send {@code %zz}), one connection each.
 * Asserts: no answer >= 500, no connection dropped, and every error a JSON {@link ApiError} whose
 * status matches the answer's and which names the field at fault. Own store: the writes it lets
 * through change the graph.
 */
@QuarkusTest
@TestProfile(FuzzTest.OwnStore.class)
class FuzzTest {
    private static final long SEED = 20261202L;
    private static final int REQUESTS = 5_200;
    private static final int THREADS = 4;
    private static final String KEY = "test-secret-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static class OwnStore implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "test";
        }
    }

    /** One request as sent and what came back. */
    record Exchange(String method, String target, String body, int status, String contentType, String answer,
            String failure) {}

    @Test
    void noRequestGetsA5xxADroppedConnectionOrANonJsonError() throws Exception {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<List<Exchange>>> parts = new ArrayList<>();
        AtomicInteger sent = new AtomicInteger();
        for (int t = 0; t < THREADS; t++) {
            Random random = new Random(SEED + t);
            parts.add(pool.submit(() -> {
                List<Exchange> out = new ArrayList<>();
                for (int n = 0; n < REQUESTS / THREADS; n++) {
                    out.add(send(new Fuzz(random).request()));
                    sent.incrementAndGet();
                }
                return out;
            }));
        }
        List<Exchange> all = new ArrayList<>();
        for (Future<List<Exchange>> part : parts) {
            all.addAll(part.get());
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Exchange e : all) {
            byStatus.merge(e.status(), 1, Integer::sum);
            String problem = problem(e);
            if (problem != null) {
                problems.add(problem + " <- " + e.method() + " " + e.target()
                        + (e.body() == null ? "" : " body " + abbreviate(e.body())) + " -> " + e.status() + " "
                        + abbreviate(e.answer()));
            }
        }
        System.out.printf(Locale.ROOT, "FuzzTest: %d requests in %.1f s, by status %s%n", all.size(), seconds, byStatus);
        problems.stream().limit(40).forEach(p -> System.out.println("  " + p));
        assertThat(all).hasSize(REQUESTS);
        assertThat(problems).as("%d problems, first ones printed", problems.size()).isEmpty();
        // the fuzz reached past validation too: some writes and reads succeeded
        assertThat(byStatus.keySet()).contains(200, 400, 401, 404, 405);
    }

    /** What is wrong with an answer, or null. */
    private static String problem(Exchange e) {
        if (e.failure() != null) {
            return "dropped: " + e.failure();
        }
        if (e.status() >= 500) {
            return "5xx";
        }
        if (e.status() < 400 || e.method().equals("HEAD")) {
            return null;
        }
        if (e.contentType() == null || !e.contentType().startsWith("application/json")) {
            return "error without JSON content type (" + e.contentType() + ")";
        }
        JsonNode body;
        try {
            body = JSON.readTree(e.answer());
        } catch (IOException notJson) {
            return "error body is not JSON";
        }
        if (body == null || !body.isObject() || body.path("status").asInt() != e.status()
                || !body.path("error").isTextual() || !body.path("message").isTextual() || !body.has("field")) {
            return "error body without the {status, error, field, message} shape";
        }
        if (e.status() != 503 && !body.path("field").isTextual()) {
            return "error names no field";
        }
        return null;
    }

    /** Sends raw bytes on a fresh loopback connection and reads the whole answer. */
    private static Exchange send(Request r) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes((r.method() + " " + r.target() + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            for (Map.Entry<String, String> h : r.headers().entrySet()) {
                head.writeBytes((h.getKey() + ": " + h.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            byte[] body = r.body() == null ? new byte[0] : r.body().getBytes(StandardCharsets.UTF_8);
            if (r.body() != null) {
                head.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            head.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            out.write(head.toByteArray());
            out.write(body);
            out.flush();
            return read(r, socket.getInputStream());
        } catch (IOException e) {
            return new Exchange(r.method(), r.target(), r.body(), -1, null, null, e.toString());
        }
    }

    private static Exchange read(Request r, InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            return new Exchange(r.method(), r.target(), r.body(), -1, null, null, "no complete answer: "
                    + abbreviate(text));
        }
        int status = Integer.parseInt(text.substring(9, 12));
        String contentType = null;
        Integer length = null;
        boolean chunked = false;
        for (String line : text.substring(0, end).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-type" -> contentType = value;
                case "content-length" -> length = Integer.parseInt(value);
                case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                default -> { }
            }
        }
        byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        byte[] body = chunked ? dechunk(rest) : rest;
        if (body == null || (length != null && !r.method().equals("HEAD") && body.length != length)) {
            return new Exchange(r.method(), r.target(), r.body(), status, contentType, null,
                    "body cut short (" + rest.length + " of " + length + " bytes)");
        }
        return new Exchange(r.method(), r.target(), r.body(), status, contentType,
                new String(body, StandardCharsets.UTF_8), null);
    }

    /** The body of a chunked answer, or null when the last chunk never came. */
    private static byte[] dechunk(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (true) {
            int lineEnd = indexOf(raw, i);
            if (lineEnd < 0) {
                return null;
            }
            String size = new String(raw, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int n = Integer.parseInt(size, 16);
            if (n == 0) {
                return out.toByteArray();
            }
            if (lineEnd + 2 + n > raw.length) {
                return null;
            }
            out.write(raw, lineEnd + 2, n);
            i = lineEnd + 2 + n + 2;
        }
    }

    private static int indexOf(byte[] raw, int from) {
        for (int i = from; i + 1 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    record Request(String method, String target, Map<String, String> headers, String body) {}

    /** One random request over the routes; everything random comes from the seeded {@link Random}. */
    static final class Fuzz {
        private static final String[] IDS = {"u1", "u2", "i1", "i3", "rock", "jazz", "nobody"};
        /** Path segments as sent on the wire: valid, odd, percent-encoded oddities and malformed encoding. */
        private static final String[] RAW_SEGMENTS = {"%zz", "%", "%e", "%ED%A0%80", "%FF", "%C3", "%00", "%01x",
                "%E2%80%8B", "%E2%80%AE", "%EF%BF%BE", "e%CC%81", "%C3%A9", "%2F", "..", ".", "%20u1", "u1%20",
                "%F0%9F%8E%B5", "a%09b", "%0A", "~", "'", "%22", "%5C", "%25", "null", "-1", "0", "1e3"};
        private static final String[] SCALARS = {"1", "0", "-1", "1.5", "1e3", "true", "null", "[]", "{}",
                "\"\"", "\"x\"", "99999999999999999999", "-0", "NaN", "\"1\""};
        private static final String[] STRINGS = {"\"\\u0000\"", "\"\\u200b\\u200c\"", "\"\\u202e\\u2066\"",
                "\"\\ud800\"", "\"a\\udc00b\"", "\"\\ud83c\\udfb5\"", "\"e\\u0301\"", "\"\\u00e9\"", "\"   \"",
                "\"\\t\\n\"", "\"\\u0301\\u0301\"", "\"\\ufeff\"", "\"\\uffff\"", "\"ok text about rock music\"",
                "\"i1\"", "\"jazz\"", "\"rock\"", "\"\\u0000\\u200b\\u202e\""};
        private static final String[] RELATIONS = {"music.artist.genre", "CO_ENTITY", "co_entity", "INTERACTED",
                "TAGGED_WITH", "USED_TAG", "HAS_TEXT", "HAS_", "genre", "bad`type", "1abc", "", "a b", "x:y-z"};
        private static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=utf-8",
                "text/plain", "application/xml", "application/x-www-form-urlencoded", "*/*", "application/json; charset=latin1",
                "garbage", "multipart/form-data; boundary=x"};
        private static final String[] METHODS = {"GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "FOO"};

        private final Random random;

        Fuzz(Random random) {
            this.random = random;
        }

        Request request() {
            Map<String, String> headers = new TreeMap<>();
            int auth = random.nextInt(10);
            if (auth < 7) {
                headers.put("X-API-Key", KEY);
            } else if (auth < 9) {
                headers.put("X-API-Key", random.nextBoolean() ? "wrong" : "");
            }
            if (random.nextInt(5) > 0) {
                headers.put("Content-Type", random.nextInt(4) > 0 ? "application/json" : pick(CONTENT_TYPES));
            }
            if (random.nextInt(10) == 0) {
                headers.put("Accept", random.nextBoolean() ? "text/html" : "application/json");
            }
            String method;
            String target;
            String body = null;
            switch (random.nextInt(10)) {
                case 0 -> {
                    method = "GET";
                    target = "/api/v1/users/" + segment() + "/recommendations" + query("k", "model", "explain", "paths",
                            "hops", "excludeSeen", "entity", "tag");
                }
                case 1 -> {
                    method = "GET";
                    target = "/api/v1/users/" + segment() + "/explanations/" + segment() + query("paths", "hops");
                }
                case 2 -> {
                    method = "GET";
                    target = "/api/v1/items/" + segment() + "/similar" + query("k", "entity", "tag");
                }
                case 3 -> {
                    method = "PUT";
                    target = "/api/v1/items/" + segment();
                    body = itemBody();
                }
                case 4 -> {
                    method = "PUT";
                    target = "/api/v1/users/" + segment();
                    body = random.nextInt(8) == 0 ? null : object(Map.of("name", stringValue()));
                }
                case 5 -> {
                    method = "POST";
                    target = "/api/v1/interactions";
                    body = interactionBody();
                }
                case 6 -> { // a known route with a method it does not take
                    method = pick(METHODS);
                    target = pick(new String[] {"/api/v1/users/u1/recommendations", "/api/v1/users/u1",
                            "/api/v1/items/i1", "/api/v1/items/i1/similar", "/api/v1/interactions",
                            "/api/v1/users/u1/explanations/i3", "/api/v1/items/i1/tags", "/api/v1/tags"});
                    body = random.nextBoolean() ? null : itemBody();
                }
                case 7 -> {
                    method = "GET";
                    target = "/api/v1/items/" + segment() + "/tags" + query("k", "user");
                }
                case 8 -> {
                    method = "POST";
                    target = "/api/v1/tags";
                    body = tagBody();
                }
                default -> { // no such route, or a mangled one
                    method = pick(METHODS);
                    target = pick(new String[] {"/api/v1/nothing", "/api/v2/users/u1/recommendations", "/api/v1/",
                            "/api/v1/users", "/api/v1/users/" + segment() + "/" + segment(),
                            "/api/v1/items/" + segment() + "/similar/" + segment(), "/api/v1/users//recommendations",
                            "/api//v1/items/i1/similar", "/api/v1/items/%zz/similar?k=%zz", "/%", "/api/v1/users/u1/recommendations?k=%",
                            "/api/v1/users/u1/recommendations?%zz=1", "/api/v1/users/u1/recommendations;jsessionid=1",
                            "/api/v1/interactions/" + segment()});
                    body = random.nextBoolean() ? null : interactionBody();
                }
            }
            return new Request(method, target, headers, body);
        }

        private String segment() {
            return switch (random.nextInt(6)) {
                case 0, 1 -> pick(IDS);
                case 2 -> pick(RAW_SEGMENTS);
                case 3 -> pick(IDS) + pick(RAW_SEGMENTS);
                case 4 -> "x".repeat(random.nextInt(3) == 0 ? 257 + random.nextInt(300) : 1 + random.nextInt(40));
                default -> "n" + random.nextInt(50);
            };
        }

        private String query(String... names) {
            StringBuilder q = new StringBuilder();
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                String name = random.nextInt(10) == 0 ? pick(RAW_SEGMENTS) : pick(names);
                String value = switch (random.nextInt(5)) {
                    case 0 -> String.valueOf(random.nextInt(2000) - 500);
                    case 1 -> pick(RAW_SEGMENTS);
                    case 2 -> pick(new String[] {"true", "false", "TRUE", "yes", "", "cypher-cf", "hybrid", "active",
                            "v999", "rock", "jazz", "2", "3"});
                    case 3 -> String.valueOf(random.nextInt(5));
                    default -> pick(IDS);
                };
                q.append(i == 0 ? '?' : '&').append(name).append('=').append(value);
            }
            return q.toString();
        }

        private String itemBody() {
            switch (random.nextInt(12)) {
                case 0:
                    return malformed();
                case 1:
                    return pick(SCALARS);
                default:
                    break;
            }
            Map<String, String> fields = new TreeMap<>();
            if (random.nextInt(3) > 0) {
                fields.put("name", stringValue());
            }
            if (random.nextInt(3) > 0) {
                fields.put("text", random.nextInt(15) == 0 ? "\"" + "word ".repeat(2_001) + "\"" : stringValue());
            }
            if (random.nextInt(2) > 0) {
                List<String> links = new ArrayList<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    links.add(random.nextInt(10) == 0 ? pick(SCALARS) : object(Map.of(
                            "id", random.nextInt(3) > 0 ? pick(new String[] {"\"rock\"", "\"jazz\"", "\"uk\"", "\"i1\""})
                                    : stringValue(),
                            "relation", random.nextInt(5) == 0 ? stringValue() : "\"" + pick(RELATIONS) + "\"")));
                }
                fields.put("entities", random.nextInt(10) == 0 ? pick(SCALARS) : "[" + String.join(",", links) + "]");
            }
            if (random.nextInt(10) == 0) {
                fields.put(pick(new String[] {"unknown", "", "\\u0000"}), pick(SCALARS));
            }
            return object(fields);
        }

        private String interactionBody() {
            if (random.nextInt(10) == 0) {
                return malformed();
            }
            Map<String, String> fields = new TreeMap<>();
            fields.put("eventId", random.nextInt(5) == 0 ? stringValue() : "\"ev-" + random.nextInt(200) + "\"");
            fields.put("userId", random.nextInt(4) == 0 ? stringValue() : "\"" + pick(IDS) + "\"");
            fields.put("itemId", random.nextInt(4) == 0 ? stringValue()
                    : "\"" + pick(new String[] {"i1", "i2", "i3", "i4", "ghost"}) + "\"");
            if (random.nextBoolean()) {
                fields.put("label", random.nextBoolean() ? pick(SCALARS) : String.valueOf(random.nextInt(3)));
            }
            if (random.nextInt(3) == 0) {
                fields.put("rating", pick(SCALARS));
            }
            if (random.nextInt(3) == 0) {
                fields.put("timestamp", pick(SCALARS));
            }
            fields.keySet().removeIf(k -> random.nextInt(12) == 0);
            return object(fields);
        }

        private String tagBody() {
            if (random.nextInt(10) == 0) {
                return malformed();
            }
            Map<String, String> fields = new TreeMap<>();
            fields.put("eventId", random.nextInt(5) == 0 ? stringValue() : "\"tag-" + random.nextInt(200) + "\"");
            fields.put("userId", random.nextInt(4) == 0 ? stringValue() : "\"" + pick(IDS) + "\"");
            fields.put("itemId", random.nextInt(4) == 0 ? stringValue()
                    : "\"" + pick(new String[] {"i1", "i2", "i3", "i4", "ghost"}) + "\"");
            List<String> tags = new ArrayList<>();
            int n = random.nextInt(20) == 0 ? 101 + random.nextInt(5) : random.nextInt(4);
            for (int i = 0; i < n; i++) {
                tags.add(random.nextInt(3) == 0 ? stringValue()
                        : "\"" + pick(new String[] {"rock", "Rock", "britpop", "t1", "new  tag", "NEW TAG"}) + "\"");
            }
            fields.put("tags", random.nextInt(10) == 0 ? pick(SCALARS) : "[" + String.join(",", tags) + "]");
            fields.keySet().removeIf(k -> random.nextInt(12) == 0);
            return object(fields);
        }

        private String stringValue() {
            return switch (random.nextInt(4)) {
                case 0 -> pick(SCALARS);
                case 1 -> "\"" + "y".repeat(random.nextInt(2) == 0 ? 1_001 : 10_001) + "\"";
                default -> pick(STRINGS);
            };
        }

        private String malformed() {
            return switch (random.nextInt(8)) {
                case 0 -> "";
                case 1 -> "{\"name\": ";
                case 2 -> "[".repeat(2_000) + "]".repeat(2_000);
                case 3 -> "{\"name\": \"unterminated}";
                case 4 -> "\u0000\u0001\u0002";
                case 5 -> "{'name': 'single quotes'}";
                case 6 -> "{\"a\":1,,}";
                default -> "{\"name\": \"\\x\"}";
            };
        }

        private static String object(Map<String, String> fields) {
            List<String> parts = new ArrayList<>();
            fields.forEach((k, v) -> parts.add("\"" + k + "\": " + v));
            return "{" + String.join(", ", parts) + "}";
        }

        private String pick(String[] values) {
            return values[random.nextInt(values.length)];
        }
    }

}
