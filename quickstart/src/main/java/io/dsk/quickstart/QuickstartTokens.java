package io.dsk.quickstart;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HS256 tokens the quickstart mints when the gateway's auth is on: one for its own connectors,
 * granting writes to the sample streams, and one a person pastes into the console or a curl
 * command, granting reads of every stream and the stream list. Grants travel in the claim the
 * gateway reads them from ({@code auth-grants-claim}).
 */
final class QuickstartTokens {

    /** The grants claim the quickstart configures when the user names none. */
    static final String DEFAULT_GRANTS_CLAIM = "dsk";
    /** How long a connector token is valid, counted from the first start of the data directory. */
    static final Duration CONNECTOR_TOKEN_LIFETIME = Duration.ofDays(3650);
    /** How long a read token is valid. */
    static final Duration READ_TOKEN_LIFETIME = Duration.ofDays(7);

    static final List<String> CONNECTOR_WRITES = List.of("chat/**", "db/**", "jobs/**");
    static final List<String> CONNECTOR_ADMIN = List.of("__ds/source-offsets");
    static final List<String> READER_READS = List.of("**");
    static final List<String> READER_ADMIN = List.of("__ds/streams");

    private final byte[] secret;
    private final String grantsClaim;

    /**
     * @param secret the gateway's HMAC secret, at least 32 bytes
     * @param grantsClaim the claim the gateway reads grants from
     */
    QuickstartTokens(byte[] secret, String grantsClaim) {
        this.secret = secret.clone();
        this.grantsClaim = grantsClaim;
    }

    /**
     * The token of the sample connectors. It is the same on every start of the same data directory
     * (no issue time; its expiry counts from {@code since}), so their stored configuration does not
     * change and they are not restarted for nothing.
     *
     * @param since the first start of the data directory
     * @return a compact JWS
     */
    String connectorToken(Instant since) {
        return sign("dsk-quickstart-connectors", grants(List.of(), CONNECTOR_WRITES, CONNECTOR_ADMIN),
                null, since.plus(CONNECTOR_TOKEN_LIFETIME));
    }

    /**
     * A token that reads every stream and lists them, for the console and for curl.
     *
     * @param now the issue time
     * @return a compact JWS valid for {@link #READ_TOKEN_LIFETIME}
     */
    String readToken(Instant now) {
        return sign("dsk-quickstart-reader", grants(READER_READS, List.of(), READER_ADMIN), now,
                now.plus(READ_TOKEN_LIFETIME));
    }

    private static Map<String, List<String>> grants(List<String> read, List<String> write, List<String> admin) {
        Map<String, List<String>> grants = new LinkedHashMap<>();
        if (!read.isEmpty()) {
            grants.put("read", read);
        }
        if (!write.isEmpty()) {
            grants.put("write", write);
        }
        if (!admin.isEmpty()) {
            grants.put("admin", admin);
        }
        return grants;
    }

    private String sign(String subject, Map<String, List<String>> grants, Instant issuedAt, Instant expiresAt) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .expirationTime(Date.from(expiresAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
                .claim(grantsClaim, grants);
        if (issuedAt != null) {
            claims.issueTime(Date.from(issuedAt));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a quickstart token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
