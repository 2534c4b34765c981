package org.mmkgrec.service.write;

/**
 * The acknowledgement of an online write: committed and visible to the next query.
 *
 * @param id      the user, item or event id written
 * @param created true when it did not exist before (HTTP 201), false for an update or a repeat (200)
 * @param detail  what was written, in words
 */
public record WriteResult(String id, boolean created, String detail) {}
