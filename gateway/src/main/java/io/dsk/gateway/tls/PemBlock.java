package io.dsk.gateway.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * One {@code -----BEGIN LABEL-----} ... {@code -----END LABEL-----} block of a PEM file (RFC 7468).
 *
 * <p>Text outside blocks (comments, {@code openssl} "Bag Attributes") is ignored; a block whose
 * end label differs from its begin label, or whose body is not base64, is an error.
 */
public final class PemBlock {

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private final String label;
    private final byte[] der;

    private PemBlock(String label, byte[] der) {
        this.label = label;
        this.der = der;
    }

    /** The label, such as {@code CERTIFICATE}, {@code PRIVATE KEY} or {@code PUBLIC KEY}. */
    public String label() {
        return label;
    }

    /** The decoded body. */
    public byte[] der() {
        return der.clone();
    }

    /**
     * Reads every block of a PEM file.
     *
     * @param file the PEM file
     * @return the blocks in file order, never empty
     * @throws IOException if the file cannot be read or holds no well-formed PEM block
     */
    public static List<PemBlock> readAll(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        List<PemBlock> blocks = parse(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        if (blocks.isEmpty()) {
            throw new IOException(file + " holds no PEM block (expected -----BEGIN ...-----)");
        }
        return blocks;
    }

    /**
     * Parses every block of PEM text.
     *
     * @param text PEM text
     * @param source names the text in error messages, e.g. the file name
     * @return the blocks in order; empty when the text has none
     * @throws IOException if a block is malformed
     */
    public static List<PemBlock> parse(String text, String source) throws IOException {
        List<PemBlock> blocks = new ArrayList<>();
        int from = 0;
        while (true) {
            int begin = text.indexOf(BEGIN, from);
            if (begin < 0) {
                return blocks;
            }
            int labelEnd = text.indexOf(DASHES, begin + BEGIN.length());
            if (labelEnd < 0) {
                throw new IOException(source + ": unterminated PEM BEGIN line");
            }
            String label = text.substring(begin + BEGIN.length(), labelEnd);
            String endLine = END + label + DASHES;
            int end = text.indexOf(endLine, labelEnd);
            if (end < 0) {
                throw new IOException(source + ": missing '" + endLine + "'");
            }
            String body = text.substring(labelEnd + DASHES.length(), end);
            if (body.contains(":")) {
                throw new IOException(source + ": the " + label + " block is encrypted or has headers;"
                        + " supply an unencrypted PKCS#8 key (openssl pkcs8 -topk8 -nocrypt)");
            }
            try {
                blocks.add(new PemBlock(label, Base64.getMimeDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new IOException(source + ": the " + label + " block is not valid base64", e);
            }
            from = end + endLine.length();
        }
    }
}
