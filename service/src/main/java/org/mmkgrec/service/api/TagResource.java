package org.mmkgrec.service.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.mmkgrec.service.write.OnlineWrites;
import org.mmkgrec.service.write.TagInput;
import org.mmkgrec.service.write.TagWriteResult;

/** Tag assignments online; the tags recommended for an item are {@code GET /api/v1/items/{itemId}/tags}. */
@Path("/api/v1/tags")
@Produces(MediaType.APPLICATION_JSON)
public class TagResource {

    @Inject
    OnlineWrites writes;

    @POST
    @ApiKeyRequired
    @RouteConcurrency(RequestLimits.TAGS)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a user's tags on an item (needs X-API-Key); idempotent by eventId; a tag not in the "
            + "graph yet is created; acknowledged = committed and counted in the next tag recommendation")
    public Response assign(TagInput input) {
        TagWriteResult result = writes.assignTags(input);
        return Response.status(result.created() ? 201 : 200).entity(result).build();
    }
}
