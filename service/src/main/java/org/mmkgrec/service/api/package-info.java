/**
 * REST resources under {@code /api/v1}: thin adapters over the services; {@code ApiExceptionMappers}
 * turns every error into an {@code ApiError} JSON body naming the field, and {@code HttpErrorRoutes}
 * does the same for what Vert.x refuses before a resource is chosen (malformed URIs, no route);
 * {@code InputRules} says which ids, names, texts and relation names a request may carry. {@code RequestLimits}
 * ({@code mmkg.api.limits.*}, {@code LimitsConfig}) bounds what a request may cost: resources check
 * the explanation budget, and {@code RouteConcurrencyFilter} holds one of the route's permits
 * (named by {@code @RouteConcurrency}) per request in flight, after {@code ApiKeyFilter} has let
 * write routes through.
 */
package org.mmkgrec.service.api;
