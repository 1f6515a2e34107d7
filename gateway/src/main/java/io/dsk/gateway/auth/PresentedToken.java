package io.dsk.gateway.auth;

/**
 * What a request carried as credentials: nothing, a token (from the header, a cookie or the query
 * string), or a way of sending one that is refused before the token is even looked at.
 */
final class PresentedToken {

    /** Where a token came from. */
    enum Source { HEADER, COOKIE, QUERY }

    static final PresentedToken NONE = new PresentedToken(null, null, null);

    private final String token;
    private final Source source;
    private final TokenRejection refusal;

    private PresentedToken(String token, Source source, TokenRejection refusal) {
        this.token = token;
        this.source = source;
        this.refusal = refusal;
    }

    static PresentedToken of(String token, Source source) {
        return new PresentedToken(token, source, null);
    }

    static PresentedToken refused(TokenRejection refusal) {
        return new PresentedToken(null, null, refusal);
    }

    boolean isNone() {
        return token == null && refusal == null;
    }

    /** The compact JWT; only when neither none nor refused. Never log it. */
    String token() {
        return token;
    }

    Source source() {
        return source;
    }

    /** Why the way the token was sent is refused, or null. */
    TokenRejection refusal() {
        return refusal;
    }

    @Override
    public String toString() {
        return refusal != null ? "refused " + refusal : token == null ? "none" : "token from " + source;
    }
}
