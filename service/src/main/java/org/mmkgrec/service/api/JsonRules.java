package org.mmkgrec.service.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * How request bodies are read: a number with a fraction or exponent is no integer ({@code "label": 1.7}
 * and {@code "timestamp": 1e3} are 400 naming the field, not silently truncated). Unknown fields
 * stay ignored (Quarkus's default), so older clients keep working as fields are added.
 */
@Singleton
public class JsonRules implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
}
