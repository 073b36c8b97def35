package io.accelmon.core.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A file name from the web config together with where it was written, so that a file that cannot be read is reported
 * at its line. Relative names are resolved against the config file's directory, as exporter-toolkit does.
 */
@JsonDeserialize(using = ConfigPath.Reader.class)
record ConfigPath(String value, int line, int column) {

    Path resolveAgainst(Path configFile) {
        Path dir = configFile.toAbsolutePath().getParent();
        Path p = Path.of(value);
        return p.isAbsolute() || dir == null ? p : dir.resolve(p);
    }

    String where(Path configFile) {
        return configFile + ":" + line + ":" + column;
    }

    static final class Reader extends JsonDeserializer<ConfigPath> {
        @Override
        public ConfigPath deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            JsonLocation at = p.currentTokenLocation();
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (ConfigPath) ctx.handleUnexpectedToken(String.class, p);
            }
            String text = p.getText();
            if (text.isBlank()) {
                return null;
            }
            return new ConfigPath(text, at.getLineNr(), at.getColumnNr());
        }
    }
}
