package org.mmkgrec.service.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * JSON answers for what fails in Vert.x before REST sees the request: a malformed URI (percent
 * encoding such as {@code /users/%zz}, bytes that are not UTF-8, characters a URI may not hold), a
 * path no route serves (404), a method no route takes (405) and a body over
 * {@code quarkus.http.limits.max-body-size} (413).
 *
 * <p>Quarkus 3.33 checks every request URI with {@code java.net.URI} in its root HTTP handler and
 * answers a malformed one with a bodiless 400, before any route or filter of the application;
 * only the JVM system property {@code vertx.disableURIValidation=true}, read when Quarkus's HTTP
 * recorder class loads, turns that check off. The service's launchers and its tests set it, and
 * {@link #checkUri} makes the same check as the first route, answering JSON. Without the property
 * malformed URIs still get 400, only without a body (logged as a warning at start).
 */
@ApplicationScoped
public class HttpErrorRoutes {
    private static final Logger LOG = Logger.getLogger(HttpErrorRoutes.class);

    /** The JVM system property that turns Quarkus's own (bodiless) URI check off. */
    public static final String URI_CHECK_OFF = "vertx.disableURIValidation";

    private final ObjectMapper mapper;
    private final MeterRegistry registry;

    public HttpErrorRoutes(ObjectMapper mapper, MeterRegistry registry) {
        this.mapper = mapper;
        this.registry = registry;
    }

    void install(@Observes Router router) {
        if (!Boolean.getBoolean(URI_CHECK_OFF)) {
            LOG.warnf("-D%s=true is not set: Quarkus answers malformed URIs with a 400 without a JSON body", URI_CHECK_OFF);
        }
        router.route().order(Integer.MIN_VALUE).handler(this::checkUri);
        router.errorHandler(400, this::badRequest);
        router.errorHandler(404, ctx -> answer(ctx, 404, "not_found", "path",
                "no route " + ctx.request().method() + " " + ctx.request().path()));
        router.errorHandler(405, ctx -> answer(ctx, 405, "method_not_allowed", "method",
                "`" + ctx.request().method() + "` is not allowed on " + ctx.request().path()));
        router.errorHandler(413, ctx -> answer(ctx, 413, "payload_too_large", "body",
                "the body is larger than the service accepts (quarkus.http.limits.max-body-size)"));
    }

    /** Lets a well-formed URI through; answers any other with a JSON 400 naming the part at fault. */
    void checkUri(RoutingContext ctx) {
        String uri = ctx.request().uri();
        boolean wellFormed;
        try {
            new URI(uri);
            wellFormed = true;
        } catch (URISyntaxException e) {
            wellFormed = false;
        }
        if (wellFormed && !malformedPercent(uri)) {
            ctx.next();
        } else {
            badRequest(ctx);
        }
    }

    private void badRequest(RoutingContext ctx) {
        String uri = ctx.request().uri();
        int query = uri.indexOf('?');
        String field = malformedPercent(query < 0 ? uri : uri.substring(0, query)) ? "path"
                : query >= 0 && malformedPercent(uri.substring(query + 1)) ? "query" : null;
        if (field == null) {
            String path = query < 0 ? uri : uri.substring(0, query);
            field = uriSyntaxError(path) ? "path" : query >= 0 ? "query" : "path";
        }
        answer(ctx, 400, "bad_request", field, "malformed URI " + field + ": characters a URI may not hold must be "
                + "percent-encoded, and `%` must be followed by two hex digits spelling UTF-8 bytes");
    }

    private static boolean uriSyntaxError(String path) {
        try {
            new URI(path);
            return false;
        } catch (URISyntaxException e) {
            return true;
        }
    }

    /** Whether a {@code %} lacks its two hex digits, or the bytes they spell are not UTF-8. */
    static boolean malformedPercent(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                        || Character.digit(s.charAt(i + 2), 16) < 0) {
                    return true;
                }
                bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write('a');
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray()));
            return false;
        } catch (CharacterCodingException e) {
            return true;
        }
    }

    private void answer(RoutingContext ctx, int status, String error, String field, String message) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        registry.counter("mmkg.api.errors", "status", String.valueOf(status), "error", error).increment();
        String body;
        try {
            body = mapper.writeValueAsString(new ApiError(status, error, field, message));
        } catch (JsonProcessingException e) {
            LOG.error("cannot write an error body", e);
            body = "{\"status\":" + status + ",\"error\":\"" + error + "\"}";
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON).end(body);
    }
}
