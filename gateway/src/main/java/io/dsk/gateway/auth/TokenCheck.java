package io.dsk.gateway.auth;

import java.util.Objects;

/** The outcome of checking a token: its verified claims, or why it was refused. */
final class TokenCheck {

    private final VerifiedToken token;
    private final TokenRejection rejection;

    private TokenCheck(VerifiedToken token, TokenRejection rejection) {
        this.token = token;
        this.rejection = rejection;
    }

    static TokenCheck accepted(VerifiedToken token) {
        return new TokenCheck(Objects.requireNonNull(token, "token"), null);
    }

    static TokenCheck rejected(TokenRejection rejection) {
        return new TokenCheck(null, Objects.requireNonNull(rejection, "rejection"));
    }

    boolean isAccepted() {
        return token != null;
    }

    /** The verified token; only when {@link #isAccepted()}. */
    VerifiedToken token() {
        return token;
    }

    /** Why the token was refused; only when not {@link #isAccepted()}. */
    TokenRejection rejection() {
        return rejection;
    }

    @Override
    public String toString() {
        return isAccepted() ? "accepted " + token : "rejected " + rejection;
    }
}
