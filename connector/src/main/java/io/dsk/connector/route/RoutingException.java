package io.dsk.connector.route;

import org.apache.kafka.connect.errors.DataException;

/** A record cannot be routed to a stream: a template variable is missing, empty or not a scalar. */
public class RoutingException extends DataException {

    /**
     * @param message what is wrong with the record, never its contents
     */
    public RoutingException(String message) {
        super(message);
    }
}
