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

    /** Longest claim value usable as a path segment. */
    static final int MAX_PATH_VALUE_LENGTH = 256;

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
     * The claim as one stream-path segment, for {@code {claim}} placeholders. Only a non-empty
     * string or integer of at most {@value #MAX_PATH_VALUE_LENGTH} characters with no {@code /},
     * {@code \}, {@code %} or control character, and not {@code .} or {@code ..}, qualifies; any
     * other value is treated as missing, so a pattern using it matches nothing (fail closed).
     *
     * @param name the claim name
     * @return the value, or empty when missing or unsafe
     */
    public Optional<String> pathValue(String name) {
        Object value = claims.getClaim(name);
        String text;
        if (value instanceof String s) {
            text = s;
        } else if (value instanceof Long || value instanceof Integer) {
            text = value.toString();
        } else {
            return Optional.empty();
        }
        return isSafeSegment(text) ? Optional.of(text) : Optional.empty();
    }

    static boolean isSafeSegment(String text) {
        if (text.isEmpty() || text.length() > MAX_PATH_VALUE_LENGTH || text.equals(".") || text.equals("..")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '/' || c == '\\' || c == '%' || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "VerifiedToken{sub=" + claims.getSubject() + ", iss=" + claims.getIssuer() + "}";
    }
}
