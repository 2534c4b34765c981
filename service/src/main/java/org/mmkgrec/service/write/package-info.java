/**
 * Online writes: users, items with their content (text encoded at once, so a new item is
 * recommendable from its content before any interaction), interactions and tag assignments, both
 * idempotent by event id.
 * Each write is one committed transaction before the request is acknowledged (all of it or none;
 * run again on transient failures, {@code GraphBackend.inWriteTransaction}); ids, names, text and
 * relation names pass {@code api.InputRules} first.
 */
package org.mmkgrec.service.write;
