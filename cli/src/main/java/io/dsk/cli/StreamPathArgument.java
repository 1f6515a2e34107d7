package io.dsk.cli;

import io.dsk.path.InvalidStreamPathException;
import io.dsk.path.StreamPath;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A stream path on the command line: the stream's name as {@code dsk ls} prints it (the canonical
 * name, such as {@code users/alice%40x/events}), checked by {@link StreamPath#fromName(String)}; its
 * URL form is made by {@link StreamPath#toUrlPath()}.
 */
final class StreamPathArgument implements ITypeConverter<StreamPath> {

    @Override
    public StreamPath convert(String value) {
        try {
            StreamPath path = StreamPath.fromName(value);
            if (path.isReserved()) {
                throw new TypeConversionException("stream paths beginning with " + StreamPath.CONTROL_SEGMENT
                        + " are reserved for the gateway's control APIs");
            }
            return path;
        } catch (InvalidStreamPathException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
