package io.dsk.connector.delivery;

import org.apache.kafka.connect.errors.DataException;

/** The server refused a record for good; the message says why and never holds record contents. */
public class BadRecordException extends DataException {

    /**
     * @param message why the record cannot be delivered
     */
    public BadRecordException(String message) {
        super(message);
    }
}
