package io.dsk.connector.render;

import io.dsk.connector.config.StreamContentType;
import java.util.List;

/** Joins rendered records into one append request body for a stream's content type. */
public final class BatchBody {

    private BatchBody() {
    }

    /**
     * @param contentType the stream's content type
     * @param records     the rendered records, in order; not empty
     * @return a JSON array of the records for {@code application/json}, their concatenation otherwise
     */
    public static byte[] join(StreamContentType contentType, List<byte[]> records) {
        boolean array = contentType == StreamContentType.JSON;
        int size = array ? records.size() + 1 : 0;
        for (byte[] record : records) {
            size += record.length;
        }
        byte[] body = new byte[size];
        int at = 0;
        if (array) {
            body[at++] = '[';
        }
        for (int i = 0; i < records.size(); i++) {
            if (array && i > 0) {
                body[at++] = ',';
            }
            byte[] record = records.get(i);
            System.arraycopy(record, 0, body, at, record.length);
            at += record.length;
        }
        if (array) {
            body[at] = ']';
        }
        return body;
    }

    /**
     * @param contentType the stream's content type
     * @param recordBytes the size of one rendered record
     * @return how many bytes the record adds to a body
     */
    public static int framedSize(StreamContentType contentType, int recordBytes) {
        return contentType == StreamContentType.JSON ? recordBytes + 1 : recordBytes;
    }
}
