package org.mmkgrec.service.api;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Write routes need the header {@code X-API-Key} equal to {@code mmkg.api.key}. Compared in constant
 * time over SHA-256 digests (so neither the content nor the length of the key leaks through
 * timing), and never logged. Without a configured key the write routes are closed (403).
 *
 * <p>Runs first, on the I/O thread (a digest comparison does not block), so that a request without
 * the key is refused before it takes one of its route's permits ({@link RouteConcurrencyFilter}).
 */
@Provider
@ApiKeyRequired
@NonBlocking
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {
    public static final String HEADER = "X-API-Key";

    private final Optional<byte[]> expected;

    public ApiKeyFilter(@ConfigProperty(name = "mmkg.api.key") Optional<String> key) {
        this.expected = key.filter(k -> !k.isBlank()).map(ApiKeyFilter::digest);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (expected.isEmpty()) {
            request.abortWith(error(403, "forbidden", "writes are disabled: no API key is configured (mmkg.api.key)"));
            return;
        }
        String given = request.getHeaderString(HEADER);
        if (given == null || !MessageDigest.isEqual(expected.get(), digest(given))) {
            request.abortWith(error(401, "unauthorized", "a valid `" + HEADER + "` header is required for writes"));
        }
    }

    private static Response error(int status, String error, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(status, error, HEADER, message)).build();
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
