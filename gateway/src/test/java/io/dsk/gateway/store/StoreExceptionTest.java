package io.dsk.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

class StoreExceptionTest {

    @Test
    void rocksDbsNoSpaceStatusIsADiskFull() {
        assertThat(failed(new RocksDBException("IO error: No space left on device",
                new Status(Status.Code.IOError, Status.SubCode.NoSpace, "While appending to file"))).diskFull()).isTrue();
        assertThat(failed(new RocksDBException("x",
                new Status(Status.Code.IOError, Status.SubCode.None, "No space left on device"))).diskFull()).isTrue();
    }

    @Test
    void enospcFromAFileWriteAnywhereInTheCausesIsADiskFull() {
        assertThat(failed(new UncheckedIOException(new IOException("/data/x.log: No space left on device")))
                .diskFull()).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(failed(new RocksDBException("Corruption: block checksum mismatch",
                new Status(Status.Code.Corruption, Status.SubCode.None, "checksum"))).diskFull()).isFalse();
        assertThat(failed(new RocksDBException("IO error: Permission denied",
                new Status(Status.Code.IOError, Status.SubCode.None, "Permission denied"))).diskFull()).isFalse();
        assertThat(failed(new RocksDBException("no status")).diskFull()).isFalse();
        assertThat(new StoreException("closed", null).diskFull()).isFalse();
    }

    private static StoreException failed(Throwable cause) {
        return new StoreException("write failed", cause);
    }
}
