package org.mmkgrec.service.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.mmkgrec.service.write.OnlineWrites;
import org.mmkgrec.service.write.UserInput;
import org.mmkgrec.service.write.WriteResult;

/** Adding a user online. */
@Path("/api/v1/users/{userId}")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    @Inject
    OnlineWrites writes;

    @PUT
    @ApiKeyRequired
    @RouteConcurrency(RequestLimits.USERS)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a user or update its name (needs X-API-Key); a new user gets popular items until it interacts")
    public Response upsert(@Parameter(description = "the user's id") @PathParam("userId") String userId, UserInput input) {
        WriteResult result = writes.upsertUser(userId, input);
        return Response.status(result.created() ? 201 : 200).entity(result).build();
    }
}
