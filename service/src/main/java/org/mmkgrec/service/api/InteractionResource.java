package org.mmkgrec.service.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.mmkgrec.service.write.InteractionInput;
import org.mmkgrec.service.write.OnlineWrites;
import org.mmkgrec.service.write.WriteResult;

/** New interactions online. */
@Path("/api/v1/interactions")
@Produces(MediaType.APPLICATION_JSON)
public class InteractionResource {

    @Inject
    OnlineWrites writes;

    @POST
    @ApiKeyRequired
    @RouteConcurrency(RequestLimits.INTERACTIONS)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record an interaction (needs X-API-Key); idempotent by eventId; acknowledged = committed "
            + "and visible to the next recommendation")
    public Response add(InteractionInput input) {
        WriteResult result = writes.addInteraction(input);
        return Response.status(result.created() ? 201 : 200).entity(result).build();
    }
}
