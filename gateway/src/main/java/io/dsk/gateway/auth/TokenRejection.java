package io.dsk.gateway.auth;

/**
 * Why a presented token was refused. The description is sent to the client in
 * {@code WWW-Authenticate: Bearer error_description="..."}; it never quotes the token.
 */
enum TokenRejection {
    MALFORMED("the token is not a well-formed signed JWT"),
    TOO_LONG("the token is too long"),
    UNSUPPORTED_ALGORITHM("the token's signature algorithm is not accepted"),
    UNKNOWN_KEY("no configured key may verify the token"),
    BAD_SIGNATURE("the token's signature does not verify"),
    MISSING_EXPIRY("the token has no expiry (exp)"),
    EXPIRED("the token has expired"),
    NOT_YET_VALID("the token is not valid yet (nbf)"),
    WRONG_ISSUER("the token's issuer is not accepted"),
    WRONG_AUDIENCE("the token's audience is not accepted"),
    QUERY_TOKEN_DISABLED("tokens in the query string are disabled"),
    QUERY_TOKEN_READS_ONLY("tokens in the query string authorise reads only"),
    NOT_BEARER("the Authorization header must use the Bearer scheme");

    private final String description;

    TokenRejection(String description) {
        this.description = description;
    }

    /** A short, token-free reason for the client. */
    String description() {
        return description;
    }

    /** The RFC 6750 error code: {@code invalid_request} for how the token was sent, else {@code invalid_token}. */
    String errorCode() {
        return switch (this) {
            case QUERY_TOKEN_DISABLED, QUERY_TOKEN_READS_ONLY, NOT_BEARER -> "invalid_request";
            default -> "invalid_token";
        };
    }
}
