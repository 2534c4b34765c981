package org.mmkgrec.service.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.mmkgrec.cypher.rec.TagRecommender;
import org.mmkgrec.service.recommend.RecommendationService;
import org.mmkgrec.service.recommend.SimilarList;
import org.mmkgrec.service.recommend.TagList;
import org.mmkgrec.service.write.ItemInput;
import org.mmkgrec.service.write.OnlineWrites;
import org.mmkgrec.service.write.WriteResult;

/** Similar items, tags for an item, and adding or updating an item online. */
@Path("/api/v1/items/{itemId}")
@Produces(MediaType.APPLICATION_JSON)
public class ItemResource {

    @Inject
    RecommendationService service;

    @Inject
    OnlineWrites writes;

    @GET
    @Path("/similar")
    @RouteConcurrency(RequestLimits.SIMILAR)
    @Operation(summary = "The k items most similar to an item (text vectors; shared KG entities as explanation)")
    public SimilarList similar(
            @Parameter(description = "the item's id") @PathParam("itemId") String itemId,
            @Parameter(description = "how many items, 1..1000") @QueryParam("k") @DefaultValue("10") String k,
            @Parameter(description = "only items linked to one of these KG entity ids (repeatable)")
            @QueryParam("entity") List<String> entities,
            @Parameter(description = "only items tagged with one of these tag names (repeatable)")
            @QueryParam("tag") List<String> tags) {
        return service.similar(InputRules.id("itemId", itemId), BadRequestException.intInRange("k", k, 1, RecommendationResource.MAX_K),
                entities == null ? List.of() : entities, tags == null ? List.of() : tags);
    }

    @GET
    @Path("/tags")
    @RouteConcurrency(RequestLimits.ITEM_TAGS)
    @Operation(summary = "The k best tags for an item, for a user when `user` is given, each with the evidence "
            + "that explains it (the user's tag uses, the item's tags, its KG neighbours' tags, the tags of items with "
            + "similar text for an untagged item, the most used tags)")
    public TagList tags(
            @Parameter(description = "the item's id") @PathParam("itemId") String itemId,
            @Parameter(description = "the user the tags are for (optional; empty is none)") @QueryParam("user") String user,
            @Parameter(description = "how many tags, 1..100") @QueryParam("k") @DefaultValue("10") String k) {
        String item = InputRules.id("itemId", itemId);
        String userId = user == null || user.isEmpty() ? null : InputRules.id("user", user);
        return service.tags(item, userId, BadRequestException.intInRange("k", k, 1, TagRecommender.MAX_K));
    }

    @PUT
    @ApiKeyRequired
    @RouteConcurrency(RequestLimits.ITEMS)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add or update an item with its text content and KG links (needs X-API-Key); "
            + "the text is encoded at once so the item can be recommended before any interaction")
    public Response upsert(@Parameter(description = "the item's id") @PathParam("itemId") String itemId, ItemInput input) {
        WriteResult result = writes.upsertItem(itemId, input);
        return Response.status(result.created() ? 201 : 200).entity(result).build();
    }
}
