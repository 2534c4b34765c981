package org.mmkgrec.service.write;

import java.util.List;

/**
 * The acknowledgement of a tag assignment: committed and counted in the next tag recommendation.
 *
 * @param id      the event id
 * @param created true when the event is new (HTTP 201), false for a repeat (200, nothing changed)
 * @param detail  what was written, in words
 * @param tagIds  the ids the requested tags resolved to (new tags included), in request order without
 *                repeats; for a repeat, those of the stored event
 */
public record TagWriteResult(String id, boolean created, String detail, List<String> tagIds) {}
