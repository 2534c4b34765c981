package org.mmkgrec.service.write;

/**
 * The body of {@code POST /api/v1/interactions}.
 *
 * @param eventId   the client's id of this event: sending it again changes nothing (idempotent)
 * @param userId    the user (created on first interaction)
 * @param itemId    an existing item
 * @param label     1 = liked / clicked (default), 0 = disliked / skipped
 * @param rating    optional explicit rating
 * @param timestamp optional epoch seconds (default: now)
 */
public record InteractionInput(String eventId, String userId, String itemId, Integer label, Double rating, Long timestamp) {}
