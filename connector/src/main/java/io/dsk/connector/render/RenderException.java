package io.dsk.connector.render;

import org.apache.kafka.connect.errors.DataException;

/** A record's key, value or header cannot be rendered for its stream's content type. */
public class RenderException extends DataException {

    /**
     * @param message what cannot be rendered, never the record's contents
     */
    public RenderException(String message) {
        super(message);
    }
}
