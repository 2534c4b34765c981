package org.mmkgrec.service.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.mmkgrec.service.recommend.NotFoundException;
import org.mmkgrec.service.store.GraphTimeoutException;

/**
 * Every error becomes JSON ({@link ApiError}) naming the field at fault where there is one; nothing a
 * client sends produces a bare 500. What fails before a resource is chosen (a malformed URI, no
 * route at all) is answered the same way by {@link HttpErrorRoutes}.
 */
public class ApiExceptionMappers {
    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    private final MeterRegistry registry;

    public ApiExceptionMappers(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A field of the wrong type (Quarkus maps this one itself unless we do). */
    @ServerExceptionMapper
    public Response wrongType(InvalidFormatException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response notJson(JsonParseException e) {
        return malformedJson(e);
    }

    /** A body that is not JSON, or a field of the wrong type: 400 naming the field. */
    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        String field = "body";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (JsonMappingException.Reference ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    sb.append(sb.length() > 0 ? "." : "").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    sb.append('[').append(ref.getIndex()).append(']');
                }
            }
            field = sb.toString();
        }
        return json(400, "bad_request", field, "malformed JSON"
                + ("body".equals(field) ? "" : " at `" + field + "`") + ": " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequestException e) {
        return json(400, "bad_request", e.field(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return json(404, "not_found", e.field(), e.getMessage());
    }

    /** A read ran past the store's transaction timeout: the service could not answer in time. */
    @ServerExceptionMapper
    public Response timeout(GraphTimeoutException e) {
        LOG.warnf("graph read timed out after %s: %s", e.timeout(), e.getCause());
        return json(503, "timeout", null, e.getMessage());
    }

    /** A path under a resource with no method for it. */
    @ServerExceptionMapper
    public Response noRoute(jakarta.ws.rs.NotFoundException e, HttpServerRequest request) {
        return json(404, "not_found", "path", "no route " + request.method() + " " + request.path());
    }

    /** A route that does not take this method: 405 with the methods it takes in {@code Allow}. */
    @ServerExceptionMapper
    public Response methodNotAllowed(NotAllowedException e, HttpServerRequest request) {
        Response base = json(405, "method_not_allowed", "method", "`" + request.method() + "` is not allowed on "
                + request.path() + "; allowed: " + e.getResponse().getAllowedMethods());
        return Response.fromResponse(base).allow(e.getResponse().getAllowedMethods()).build();
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e, HttpHeaders headers) {
        return json(415, "unsupported_media_type", HttpHeaders.CONTENT_TYPE, "the body must be "
                + MediaType.APPLICATION_JSON + ", was " + headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e) {
        return json(406, "not_acceptable", HttpHeaders.ACCEPT, "answers are " + MediaType.APPLICATION_JSON);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        int status = e.getResponse().getStatus();
        return json(status, status == 404 ? "not_found" : "http_" + status, null, e.getMessage());
    }

    /** The last resort: logged with its stack trace, answered without one. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("unexpected error", e);
        return json(500, "internal_error", null, "internal error; see the service log");
    }

    Response json(int status, String error, String field, String message) {
        registry.counter("mmkg.api.errors", "status", String.valueOf(status), "error", error).increment();
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(status, error, field, message)).build();
    }
}
