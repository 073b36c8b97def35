package io.accelmon.core.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;
import java.nio.file.Path;

/** A string from the web config together with where it was written, so a value checked later names its line. */
@JsonDeserialize(using = ConfigValue.Reader.class)
record ConfigValue(String value, int line, int column) {

    String where(Path configFile) {
        return configFile + ":" + line + ":" + column;
    }

    static final class Reader extends JsonDeserializer<ConfigValue> {
        @Override
        public ConfigValue deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            JsonLocation at = p.currentTokenLocation();
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (ConfigValue) ctx.handleUnexpectedToken(String.class, p);
            }
            return new ConfigValue(p.getText(), at.getLineNr(), at.getColumnNr());
        }
    }
}
