package org.mmkgrec.service.api;

/** The JSON body of every error answer. */
public record ApiError(int status, String error, String field, String message) {}
