package io.dsk.gateway.config;

/** The sections of the gateway's options: each has a heading in {@code --help} and a table in the docs. */
public enum OptionGroup {
    SERVER("server", "Server", "gateway.md"),
    AUTH("auth", "Authentication", "auth.md"),
    RATE_LIMIT("rate-limit", "Rate limits", "auth.md"),
    TLS("tls", "TLS with HTTP/2", "auth.md"),
    CLUSTER("cluster", "Cluster mode", "cluster.md");

    private final String id;
    private final String heading;
    private final String document;

    OptionGroup(String id, String heading, String document) {
        this.id = id;
        this.heading = heading;
        this.document = document;
    }

    /** Short name, used in the markers around the generated docs table. */
    public String id() {
        return id;
    }

    /** Heading in {@code --help}. */
    public String heading() {
        return heading;
    }

    /** The file under {@code docs/} that holds this group's table. */
    public String document() {
        return document;
    }
}
