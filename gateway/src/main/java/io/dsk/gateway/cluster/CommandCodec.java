package io.dsk.gateway.cluster;

import io.dsk.gateway.protocol.ProducerHeaders;
import io.dsk.gateway.protocol.SourceRange;
import io.dsk.gateway.protocol.StreamExpiry;
import io.dsk.gateway.store.RetentionPolicy;
import io.dsk.gateway.streams.AppendRequest;
import io.dsk.gateway.streams.CreateRequest;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of a command record: a format version, the origin (which node's request it answers),
 * the command's kind and its fields. Strings are UTF-8 with a length (-1 for null); numbers are
 * big-endian. A record of an unknown version or kind is refused, never guessed at: a node that
 * cannot read a command must stop applying rather than diverge from the others.
 */
final class CommandCodec {

    /** The format this code writes; readers accept it and every earlier one. */
    static final byte VERSION = 1;

    private static final byte CREATE = 'C';
    private static final byte APPEND = 'A';
    private static final byte DELETE = 'D';
    private static final byte TOUCH = 'T';
    private static final byte SWEEP = 'S';
    private static final byte RETAIN = 'R';

    private CommandCodec() {
    }

    /** A decoded record: the command and the request it answers on the node that wrote it. */
    record Envelope(Origin origin, Command command) {
    }

    /** The node process ({@code incarnation}, fresh at each start) and request number that wrote a command. */
    record Origin(long incarnation, long sequence) {
    }

    static byte[] encode(Origin origin, Command command) {
        Writer w = new Writer();
        w.buffer.put(VERSION);
        w.buffer.putLong(origin.incarnation()).putLong(origin.sequence());
        if (command instanceof Command.Create c) {
            CreateRequest r = c.request();
            w.buffer.put(CREATE);
            w.string(r.path());
            w.string(r.contentType());
            w.buffer.putLong(r.expiry().ttlSeconds());
            w.string(r.expiry().expiresAt());
            w.buffer.putLong(r.expiry().expiresAtMillis());
            w.bool(r.closed());
            w.bytes(r.body());
            w.string(r.forkedFrom());
            w.string(r.forkOffset());
            w.buffer.putLong(r.forkSubOffset());
            w.buffer.putLong(r.retention().maxAgeMillis()).putLong(r.retention().maxBytes());
        } else if (command instanceof Command.Append a) {
            AppendRequest r = a.request();
            w.buffer.put(APPEND);
            w.string(r.path());
            w.string(r.contentType());
            w.bytes(r.body());
            w.bool(r.close());
            w.string(r.streamSeq());
            ProducerHeaders p = r.producer();
            w.bool(p != null);
            if (p != null) {
                w.string(p.producerId());
                w.buffer.putLong(p.epoch()).putLong(p.seq());
            }
            SourceRange s = r.sourceRange();
            w.bool(s != null);
            if (s != null) {
                w.string(s.topic());
                w.buffer.putInt(s.partition()).putLong(s.firstOffset()).putLong(s.lastOffset());
            }
        } else if (command instanceof Command.Delete d) {
            w.buffer.put(DELETE);
            w.string(d.path());
        } else if (command instanceof Command.Touch t) {
            w.buffer.put(TOUCH);
            w.string(t.path());
            w.buffer.putLong(t.streamId());
        } else if (command instanceof Command.Sweep) {
            w.buffer.put(SWEEP);
        } else if (command instanceof Command.Retain) {
            w.buffer.put(RETAIN);
        } else {
            throw new IllegalArgumentException("unknown command " + command);
        }
        return w.bytes();
    }

    /**
     * @throws IllegalArgumentException if the bytes are not a command this version can read
     */
    static Envelope decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            byte version = in.get();
            if (version < 1 || version > VERSION) {
                throw new IllegalArgumentException("command format version " + version + " is newer than this gateway"
                        + " reads (" + VERSION + "); upgrade this node to the version the other nodes run");
            }
            Origin origin = new Origin(in.getLong(), in.getLong());
            byte kind = in.get();
            Command command = switch (kind) {
                case CREATE -> new Command.Create(new CreateRequest(string(in), string(in),
                        new StreamExpiry(in.getLong(), string(in), in.getLong()), bool(in), bytes(in),
                        string(in), string(in), in.getLong(), new RetentionPolicy(in.getLong(), in.getLong())));
                case APPEND -> {
                    String path = string(in);
                    String contentType = string(in);
                    byte[] body = bytes(in);
                    boolean close = bool(in);
                    String streamSeq = string(in);
                    ProducerHeaders producer = bool(in) ? new ProducerHeaders(string(in), in.getLong(), in.getLong()) : null;
                    SourceRange range = bool(in)
                            ? new SourceRange(string(in), in.getInt(), in.getLong(), in.getLong()) : null;
                    yield new Command.Append(new AppendRequest(path, contentType, body, close, streamSeq, producer, range));
                }
                case DELETE -> new Command.Delete(string(in));
                case TOUCH -> new Command.Touch(string(in), in.getLong());
                case SWEEP -> new Command.Sweep();
                case RETAIN -> new Command.Retain();
                default -> throw new IllegalArgumentException("unknown command kind " + kind);
            };
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " unexpected byte(s) after a command");
            }
            return new Envelope(origin, command);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("a command record ends early", e);
        }
    }

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        byte[] utf8 = new byte[length];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("a command's body length " + length + " is beyond the record");
        }
        byte[] b = new byte[length];
        in.get(b);
        return b;
    }

    private static boolean bool(ByteBuffer in) {
        byte b = in.get();
        if (b != 0 && b != 1) {
            throw new IllegalArgumentException("a command's flag is " + b + ", not 0 or 1");
        }
        return b == 1;
    }

    /**
     * A growing big-endian buffer. It keeps 64 bytes to spare after every variable-length write,
     * room enough for the fixed-size fields written straight to {@link #buffer} between two of them.
     */
    private static final class Writer {
        private ByteBuffer buffer = ByteBuffer.allocate(256);

        void string(String s) {
            if (s == null) {
                room(4).putInt(-1);
                return;
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            room(4 + utf8.length).putInt(utf8.length).put(utf8);
        }

        void bytes(byte[] b) {
            room(4 + b.length).putInt(b.length).put(b);
        }

        void bool(boolean b) {
            room(1).put((byte) (b ? 1 : 0));
        }

        private ByteBuffer room(int n) {
            if (buffer.remaining() < n + 64) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + n + 256));
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
            return buffer;
        }

        byte[] bytes() {
            byte[] out = new byte[buffer.position()];
            buffer.flip().get(out);
            return out;
        }
    }
}
