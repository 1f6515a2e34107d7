package io.dsk.gateway.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;

/**
 * The claims of a token whose signature, issuer, audience and validity period were checked.
 * It never keeps the token text, so it can be attached to the exchange and logged safely.
 */
public final class VerifiedToken {

    private final JWTClaimsSet claims;

    VerifiedToken(JWTClaimsSet claims) {
        this.claims = Objects.requireNonNull(claims, "claims");
    }

    /** The {@code sub} claim, when present. */
    public Optional<String> subject() {
        return Optional.ofNullable(claims.getSubject()).filter(s -> !s.isEmpty());
    }

    /** The {@code iss} claim, when present. */
    public Optional<String> issuer() {
        return Optional.ofNullable(claims.getIssuer());
    }

    /** The {@code exp} claim, or null. */
    Date expiry() {
        return claims.getExpirationTime();
    }

    /** A claim as the JWT library parsed it (String, Number, Boolean, List, Map), or null. */
    public Object claim(String name) {
        return claims.getClaim(name);
    }

    /**
     * The claim as the value of a {@code {claim}} placeholder: a non-empty string, or an integer in
     * decimal. Any value qualifies, whatever its characters: the pattern encodes it into exactly one
     * segment (see {@code io.dsk.path.StreamPathPattern}), as the transforms encode record values, so
     * it can never reach another segment. Any other kind of claim is treated as missing, so a pattern
     * using it matches nothing (fail closed).
     *
     * @param name the claim name
     * @return the value, or empty when missing, empty or not a string or integer
     */
    public Optional<String> pathValue(String name) {
        Object value = claims.getClaim(name);
        if (value instanceof String text) {
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        }
        if (value instanceof Long || value instanceof Integer) {
            return Optional.of(value.toString());
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "VerifiedToken{sub=" + claims.getSubject() + ", iss=" + claims.getIssuer() + "}";
    }
}
