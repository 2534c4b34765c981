package org.mmkgrec.service.write;

/** The body of {@code PUT /api/v1/users/{userId}} (optional). */
public record UserInput(String name) {}
