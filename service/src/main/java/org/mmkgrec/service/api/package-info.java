/**
 * REST resources under {@code /api/v1}: thin adapters over the services; {@code ApiExceptionMappers}
 * turns every error into an {@code ApiError} JSON body naming the field.
 */
package org.mmkgrec.service.api;
