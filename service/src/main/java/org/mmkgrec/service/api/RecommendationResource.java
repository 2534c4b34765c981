package org.mmkgrec.service.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.mmkgrec.service.recommend.ExplanationList;
import org.mmkgrec.service.recommend.RecommendationList;
import org.mmkgrec.service.recommend.RecommendationService;

/** Recommendations for a user and explanations of a (user, item) pair, versioned under /api/v1. */
@Path("/api/v1/users/{userId}")
@Produces(MediaType.APPLICATION_JSON)
public class RecommendationResource {

    static final int MAX_K = 1000;

    @Inject
    RecommendationService service;

    @Inject
    RequestLimits limits;

    @GET
    @Path("/recommendations")
    @RouteConcurrency(RequestLimits.RECOMMENDATIONS)
    @Operation(summary = "Top-k items for a user, each with the KG paths that explain it",
            description = "With explanations, k x paths x hops may be at most mmkg.api.limits.explain-budget (default 1000).")
    @APIResponse(responseCode = "200", description = "the items, best first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecommendationList.class)))
    @APIResponse(responseCode = "400", description = "a parameter out of range, or explanations over the budget")
    @APIResponse(responseCode = "404", description = "no such user")
    @APIResponse(responseCode = "503", description = "too many requests at once (Retry-After), or the graph did not answer in time")
    public Response recommend(
            @Parameter(description = "the user's id") @PathParam("userId") String userId,
            @Parameter(description = "how many items, 1..1000") @QueryParam("k") @DefaultValue("10") String k,
            @Parameter(description = "active (default: the active trained model version, else hybrid), hybrid, "
                    + "cypher-cf (the plain Cypher collaborative-filtering query) or a trained version's id")
            @QueryParam("model") @DefaultValue("active") String model,
            @Parameter(description = "attach explanation paths") @QueryParam("explain") @DefaultValue("true") String explain,
            @Parameter(description = "explanation paths per item, 1..10") @QueryParam("paths") @DefaultValue("3") String paths,
            @Parameter(description = "hops from a history item to the item, 1..3") @QueryParam("hops") @DefaultValue("2") String hops,
            @Parameter(description = "leave out items the user has interacted with")
            @QueryParam("excludeSeen") @DefaultValue("true") String excludeSeen,
            @Parameter(description = "only items linked to one of these KG entity ids (repeatable)")
            @QueryParam("entity") List<String> entities,
            @Parameter(description = "only items tagged with one of these tag names (repeatable)")
            @QueryParam("tag") List<String> tags) {
        String user = InputRules.id("userId", userId);
        int kValue = BadRequestException.intInRange("k", k, 1, MAX_K);
        boolean explainValue = BadRequestException.bool("explain", explain);
        RecommendationService.Options options = new RecommendationService.Options(model, explainValue,
                BadRequestException.intInRange("paths", paths, 1, 10), BadRequestException.intInRange("hops", hops, 1, 3),
                BadRequestException.bool("excludeSeen", excludeSeen),
                entities == null ? List.of() : entities, tags == null ? List.of() : tags);
        if (explainValue && !model.equals("cypher-cf")) { // cypher-cf explains nothing
            limits.checkExplainBudget("k,paths,hops", kValue, options.maxPaths(), options.maxHops());
        }
        return Response.ok(service.json(user, kValue, options), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/explanations/{itemId}")
    @RouteConcurrency(RequestLimits.EXPLANATIONS)
    @Operation(summary = "Why this item for this user: the best KG / co-entity / tag paths from the user's history to it")
    public ExplanationList explain(
            @Parameter(description = "the user's id") @PathParam("userId") String userId,
            @Parameter(description = "the item's id") @PathParam("itemId") String itemId,
            @Parameter(description = "how many paths, 1..20") @QueryParam("paths") @DefaultValue("5") String paths,
            @Parameter(description = "hops from a history item to the item, 1..3") @QueryParam("hops") @DefaultValue("3") String hops) {
        String user = InputRules.id("userId", userId);
        String item = InputRules.id("itemId", itemId);
        int pathsValue = BadRequestException.intInRange("paths", paths, 1, 20);
        int hopsValue = BadRequestException.intInRange("hops", hops, 1, 3);
        limits.checkExplainBudget("paths,hops", 1, pathsValue, hopsValue);
        return service.explain(user, item, pathsValue, hopsValue);
    }
}
