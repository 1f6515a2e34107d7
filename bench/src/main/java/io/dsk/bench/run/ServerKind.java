package io.dsk.bench.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The four servers a scenario can compare: the gateway with RocksDB ({@code dsk}) and in memory
 * ({@code dsk-memory}), the reference server file-backed ({@code reference}) and in memory
 * ({@code reference-memory}). Each gateway is compared with the reference of the same storage: a
 * figure's {@code storage} parameter says which pair, its dsk and reference columns which side.
 */
public enum ServerKind {
    DSK("dsk"),
    DSK_MEMORY("dsk-memory"),
    REFERENCE("reference"),
    REFERENCE_MEMORY("reference-memory");

    private final String id;

    ServerKind(String id) {
        this.id = id;
    }

    /** The name the started server reports and the reports use, e.g. {@code dsk-memory}. */
    public String id() {
        return id;
    }

    /** {@code dsk} for the gateway, {@code reference} for the Node server: the figure column. */
    public String role() {
        return id.startsWith("dsk") ? "dsk" : "reference";
    }

    /** {@code durable} or {@code memory}. */
    public String storage() {
        return id.endsWith("-memory") ? "memory" : "durable";
    }

    /** Whether its streams live in a data directory that a restart reopens. */
    public boolean fileBacked() {
        return storage().equals("durable");
    }

    /**
     * Starts a fresh server of this kind.
     *
     * @param gatewayOptions extra gateway settings (ignored for the reference)
     */
    public ServerUnderTest start(BenchContext context, Map<String, String> gatewayOptions) throws IOException {
        return switch (this) {
            case DSK -> context.startGateway(gatewayOptions);
            case DSK_MEMORY -> context.startGatewayInMemory(gatewayOptions);
            case REFERENCE -> context.startReference(false);
            case REFERENCE_MEMORY -> context.startReference(true);
        };
    }

    /**
     * The kind with this id.
     *
     * @throws IllegalArgumentException naming the ids there are
     */
    public static ServerKind of(String id) {
        for (ServerKind kind : values()) {
            if (kind.id.equals(id.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown server '" + id.trim() + "'; choose from " + ids(List.of(values())));
    }

    /**
     * A comma-separated list of ids, e.g. {@code dsk,reference}.
     *
     * @param option the option's name, for the error message
     * @throws IllegalArgumentException naming the option and the ids there are
     */
    public static List<ServerKind> parseList(String option, String value) {
        List<ServerKind> kinds = new ArrayList<>();
        for (String part : value.split(",")) {
            try {
                kinds.add(of(part));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--set " + option + ": " + e.getMessage());
            }
        }
        return List.copyOf(kinds);
    }

    /** The ids, comma-separated, e.g. for a default option value. */
    public static String ids(List<ServerKind> kinds) {
        return String.join(",", kinds.stream().map(ServerKind::id).toList());
    }
}
