package io.dsk.gateway.ops;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The free space and size of the file system holding the data directory, for {@code /readyz}
 * and {@code /metrics}. The file system is looked up once (the lookup reads the mount table); each
 * reading is then one {@code statvfs}. Thread-safe.
 */
public final class DataDirSpace {

    /** What {@link #freeBytes()} reads when the file system cannot be asked. */
    public static final long UNKNOWN = -1;

    private final Path dir;
    private volatile FileStore fileStore;

    private DataDirSpace(Path dir) {
        this.dir = dir;
    }

    /**
     * @param dir the data directory
     * @return its free space, looked up on first reading
     */
    public static DataDirSpace of(Path dir) {
        return new DataDirSpace(dir);
    }

    /** Bytes a write to the data directory can still use, or {@link #UNKNOWN}. */
    public long freeBytes() {
        try {
            return fileStore().getUsableSpace();
        } catch (IOException | SecurityException e) {
            return UNKNOWN;
        }
    }

    /** The size of the file system holding the data directory, or {@link #UNKNOWN}. */
    public long totalBytes() {
        try {
            return fileStore().getTotalSpace();
        } catch (IOException | SecurityException e) {
            return UNKNOWN;
        }
    }

    private FileStore fileStore() throws IOException {
        FileStore store = fileStore;
        if (store == null) {
            store = Files.getFileStore(dir);
            fileStore = store;
        }
        return store;
    }
}
