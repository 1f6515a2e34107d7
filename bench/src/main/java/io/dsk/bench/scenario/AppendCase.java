package io.dsk.bench.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One load of the appends scenario: how many writers, whether each has its own stream or all
 * share one, and the size of each append.
 *
 * @param writers concurrent writers, one keep-alive connection each
 * @param sharedStream true if all writers append to one stream
 * @param bytes bytes per append
 */
record AppendCase(int writers, boolean sharedStream, int bytes) {

    /** The figure params: streams, writers, bytes. */
    Map<String, Object> params() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("writers", writers);
        params.put("streams", sharedStream ? "1 shared" : Integer.toString(writers));
        params.put("bytes", bytes);
        return params;
    }

    /** The stream each writer appends to, under a prefix unique to the round and server. */
    String streamOf(String prefix, int writer) {
        return prefix + "/" + (sharedStream ? "shared" : "own") + "-" + writers + "w-" + bytes + "b/"
                + (sharedStream ? "s" : "w" + writer);
    }

    String label() {
        return writers + (writers == 1 ? " writer" : " writers") + (sharedStream ? " on one stream" : "")
                + (bytes >= 1_000_000 ? ", " + bytes / 1_000_000 + " MB appends" : "");
    }
}
