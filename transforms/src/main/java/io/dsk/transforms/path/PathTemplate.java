package io.dsk.transforms.path;

import java.util.ArrayList;
import java.util.List;

import io.dsk.path.StreamPath;
import io.dsk.transforms.record.RecordTemplate;
import io.dsk.transforms.record.RecordTemplate.Literal;
import io.dsk.transforms.record.RecordTemplate.Part;
import io.dsk.transforms.record.RecordTemplate.Placeholder;
import io.dsk.transforms.record.TemplateResult;

import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * A {@link RecordTemplate} that renders a canonical {@link StreamPath}: the template's {@code /}
 * characters alone decide the segments, and every placeholder value is
 * {@linkplain StreamPath#encodeSegment(String) encoded} so it stays inside its segment. The rendered
 * path always has as many segments as the template.
 *
 * <p>Literal text must use only the unreserved characters {@code A-Z a-z 0-9 - . _ ~}. A
 * placeholder that is missing, null, empty, not a scalar or not well-formed Unicode, and a segment
 * longer than the limit once encoded, leave the path unresolved, and so does a path whose first segment
 * begins with {@value StreamPath#CONTROL_SEGMENT} (reserved); the caller applies its policy.
 *
 * @since 0.1
 */
public final class PathTemplate {

    private final String text;
    private final List<List<Part>> segments;
    private final int maxSegmentLength;

    private PathTemplate(String text, List<List<Part>> segments, int maxSegmentLength) {
        this.text = text;
        this.segments = segments;
        this.maxSegmentLength = maxSegmentLength;
    }

    /**
     * Parses and checks a path template.
     *
     * @param text the template, e.g. {@code tenants/${value.tenant}/orders}
     * @param maxSegmentLength the longest a rendered segment may be, in characters after encoding
     * @return the template
     * @throws IllegalArgumentException describing the first problem found
     */
    public static PathTemplate parse(String text, int maxSegmentLength) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a stream path template must not be empty");
        }
        if (text.startsWith("/") || text.endsWith("/")) {
            throw new IllegalArgumentException("a stream path template is relative: no leading or trailing '/'");
        }
        List<List<Part>> segments = split(RecordTemplate.parse(text).parts());
        for (int i = 0; i < segments.size(); i++) {
            checkLiteralText(segments.get(i), i + 1, maxSegmentLength);
        }
        if (segments.get(0).get(0) instanceof Literal first && StreamPath.isReservedName(first.text())) {
            throw new IllegalArgumentException("a stream path beginning with " + StreamPath.CONTROL_SEGMENT
                    + " is reserved for the gateway's control APIs");
        }
        return new PathTemplate(text, List.copyOf(segments), maxSegmentLength);
    }

    private static List<List<Part>> split(List<Part> parts) {
        List<List<Part>> segments = new ArrayList<>();
        List<Part> current = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                String[] pieces = literal.text().split("/", -1);
                for (int p = 0; p < pieces.length; p++) {
                    if (p > 0) {
                        segments.add(List.copyOf(current));
                        current = new ArrayList<>();
                    }
                    if (!pieces[p].isEmpty()) {
                        current.add(new Literal(pieces[p]));
                    }
                }
            } else {
                current.add(part);
            }
        }
        segments.add(List.copyOf(current));
        return segments;
    }

    private static void checkLiteralText(List<Part> segment, int position, int maxSegmentLength) {
        if (segment.isEmpty()) {
            throw new IllegalArgumentException("segment " + position + " of the stream path template is empty ('//')");
        }
        StringBuilder literalOnly = new StringBuilder();
        for (Part part : segment) {
            if (part instanceof Literal literal) {
                literal.text().chars().filter(c -> !StreamPath.isUnreserved(c)).findFirst().ifPresent(c -> {
                    throw new IllegalArgumentException("segment " + position + " of the stream path template holds '"
                            + (char) c + "'; literal text may use only A-Z a-z 0-9 - . _ ~");
                });
                literalOnly.append(literal.text());
            }
        }
        boolean constant = segment.stream().allMatch(p -> p instanceof Literal);
        if (constant && !StreamPath.isEncodedSegment(literalOnly.toString())) {
            throw new IllegalArgumentException("segment " + position + " of the stream path template is only dots");
        }
        if (literalOnly.length() > maxSegmentLength) {
            throw new IllegalArgumentException("segment " + position + " of the stream path template is longer than "
                    + maxSegmentLength + " characters");
        }
    }

    /**
     * Renders the stream path for a record.
     *
     * @param record the record
     * @return a canonical {@link StreamPath} name, or the reason none could be made
     */
    public TemplateResult render(ConnectRecord<?> record) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            int start = path.length();
            if (i > 0) {
                path.append('/');
                start++;
            }
            for (Part part : segments.get(i)) {
                if (part instanceof Literal literal) {
                    path.append(literal.text());
                    continue;
                }
                TemplateResult value = encodedValue((Placeholder) part, record);
                if (!value.resolved()) {
                    return value;
                }
                path.append(value.text());
            }
            if (path.length() - start > maxSegmentLength) {
                return TemplateResult.unresolved("segment " + (i + 1) + " is longer than " + maxSegmentLength
                        + " characters once encoded");
            }
        }
        if (StreamPath.isReservedName(path)) {
            return TemplateResult.unresolved("the path begins with " + StreamPath.CONTROL_SEGMENT
                    + ", which is reserved for the gateway's control APIs");
        }
        return TemplateResult.of(path.toString());
    }

    private static TemplateResult encodedValue(Placeholder placeholder, ConnectRecord<?> record) {
        TemplateResult value = placeholder.render(record);
        if (!value.resolved()) {
            return value;
        }
        if (value.text().isEmpty()) {
            return TemplateResult.unresolved(placeholder + " is empty");
        }
        try {
            return TemplateResult.of(StreamPath.encodeSegment(value.text()));
        } catch (IllegalArgumentException e) {
            return TemplateResult.unresolved(placeholder + " is not well-formed Unicode");
        }
    }

    /**
     * Returns the number of segments every rendered path has.
     *
     * @return the segment count
     */
    public int segmentCount() {
        return segments.size();
    }

    @Override
    public String toString() {
        return text;
    }
}
