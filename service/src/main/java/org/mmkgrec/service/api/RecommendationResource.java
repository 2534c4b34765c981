package org.mmkgrec.service.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.mmkgrec.service.recommend.RecommendationList;
import org.mmkgrec.service.recommend.RecommendationService;

/** Recommendations for a user, versioned under /api/v1. */
@Path("/api/v1/users/{userId}/recommendations")
@Produces(MediaType.APPLICATION_JSON)
public class RecommendationResource {

    static final int MAX_K = 1000;

    @Inject
    RecommendationService service;

    @GET
    @Operation(summary = "Top-k items for a user, each with the KG paths that explain it")
    public RecommendationList recommend(
            @Parameter(description = "the user's id") @PathParam("userId") String userId,
            @Parameter(description = "how many items, 1..1000") @QueryParam("k") @DefaultValue("10") String k,
            @Parameter(description = "attach explanation paths") @QueryParam("explain") @DefaultValue("true") boolean explain,
            @Parameter(description = "explanation paths per item, 1..10") @QueryParam("paths") @DefaultValue("3") String paths,
            @Parameter(description = "leave out items the user has interacted with")
            @QueryParam("excludeSeen") @DefaultValue("true") boolean excludeSeen) {
        int kValue = BadRequestException.intInRange("k", k, 1, MAX_K);
        int pathsValue = BadRequestException.intInRange("paths", paths, 1, 10);
        return service.recommend(userId, kValue, explain, pathsValue, excludeSeen);
    }
}
