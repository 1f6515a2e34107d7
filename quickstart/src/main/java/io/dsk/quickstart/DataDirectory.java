package io.dsk.quickstart;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;

/**
 * The quickstart's data directory, held by one running quickstart at a time (a file lock). Besides
 * the data of Kafka, Connect and the gateway it keeps what must stay the same across restarts: the
 * ports picked on the first start, the generated HMAC secret and the sample traffic's next ids.
 */
final class DataDirectory implements AutoCloseable {

    /** Bytes of a generated HMAC secret: 384 bits, enough for HS256, HS384 and HS512 alike. */
    static final int SECRET_BYTES = 48;

    private static final String LOCK_FILE = "quickstart.lock";
    private static final String PORTS_FILE = "ports.properties";
    private static final String SECRET_FILE = "auth-hmac-secret";
    /** Where a run with JSON logs keeps the read token it would otherwise print. */
    static final String READ_TOKEN_FILE = "read-token";
    private static final String FIRST_START_FILE = "first-start.properties";
    private static final String FIRST_START = "first.start";

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates the directory if needed and locks it.
     *
     * @param dir the data directory
     * @return the locked directory; {@link #close()} releases it
     * @throws IOException if it cannot be created, or another quickstart holds it
     */
    static DataDirectory lock(Path dir) throws IOException {
        Path absolute = Files.createDirectories(dir.toAbsolutePath());
        FileChannel channel = FileChannel.open(absolute.resolve(LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("a quickstart is already running on " + absolute
                    + "; stop it first, or pass another --data-dir");
        }
        return new DataDirectory(absolute, channel, lock);
    }

    /** A file or directory inside the data directory. */
    Path resolve(String name) {
        return dir.resolve(name);
    }

    /** The data directory itself, absolute. */
    Path path() {
        return dir;
    }

    /**
     * The loopback port stored under {@code name}; on the first call for a name, a free port,
     * stored so that later starts of the same data directory use it again.
     *
     * @param name what the port is for, e.g. {@code kafka}
     * @return the port
     * @throws IOException if the ports file cannot be read or written
     */
    synchronized int port(String name) throws IOException {
        Path file = dir.resolve(PORTS_FILE);
        Properties ports = read(file);
        String stored = ports.getProperty(name);
        if (stored != null) {
            return Integer.parseInt(stored.trim());
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ports.setProperty(name, Integer.toString(port));
        write(file, ports, "loopback ports of this quickstart, picked on its first start");
        return port;
    }

    /**
     * The HMAC secret the quickstart signs its tokens with: {@value #SECRET_BYTES} random bytes,
     * generated on the first call and kept in the data directory (readable by its owner only).
     *
     * @return the secret
     * @throws IOException if the secret file cannot be read or written
     */
    synchronized byte[] hmacSecret() throws IOException {
        Path file = dir.resolve(SECRET_FILE);
        if (!Files.exists(file)) {
            byte[] secret = new byte[SECRET_BYTES];
            new SecureRandom().nextBytes(secret);
            Path tmp = dir.resolve(SECRET_FILE + ".tmp");
            Files.write(tmp, secret);
            restrictToOwner(tmp);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return Files.readAllBytes(file);
    }

    /**
     * Keeps a read token in {@value #READ_TOKEN_FILE}, readable by its owner only, for runs whose
     * output is a log where tokens must not appear.
     *
     * @param token the token
     * @return the file
     * @throws IOException if it cannot be written
     */
    synchronized Path writeReadToken(String token) throws IOException {
        Path file = dir.resolve(READ_TOKEN_FILE);
        Path tmp = dir.resolve(READ_TOKEN_FILE + ".tmp");
        Files.writeString(tmp, token + System.lineSeparator(), StandardCharsets.UTF_8);
        restrictToOwner(tmp);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /**
     * When this data directory was first started, stored on the first call; the connectors' token
     * counts its validity from it, so that token stays the same from one start to the next.
     *
     * @return the first start, to the second
     * @throws IOException if the file cannot be read or written
     */
    synchronized Instant firstStart() throws IOException {
        Path file = dir.resolve(FIRST_START_FILE);
        Properties props = read(file);
        String stored = props.getProperty(FIRST_START);
        if (stored != null) {
            return Instant.parse(stored.trim());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        props.setProperty(FIRST_START, now.toString());
        write(file, props, "when this quickstart data directory was first started");
        return now;
    }

    /**
     * Reads a properties file of the data directory.
     *
     * @return its properties; empty when the file does not exist
     */
    static Properties read(Path file) throws IOException {
        Properties props = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(in);
            }
        }
        return props;
    }

    /** Replaces a properties file atomically, so a killed process leaves the old or the new one. */
    static void write(Path file, Properties props, String comment) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            props.store(out, comment);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the directory's own permissions apply
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
