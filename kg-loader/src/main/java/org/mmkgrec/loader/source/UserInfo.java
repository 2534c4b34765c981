package org.mmkgrec.loader.source;

import java.util.Map;

/** A user with optional side attributes (age, gender, occupation, source id...). */
public record UserInfo(String userId, Map<String, Object> attributes) {}
