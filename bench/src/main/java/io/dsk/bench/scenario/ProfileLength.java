package io.dsk.bench.scenario;

import io.dsk.bench.run.BenchContext;
import java.time.Duration;

/** How long a profiling rerun records: the run's duration, kept between 10 and 30 seconds. */
final class ProfileLength {

    static final Duration MIN = Duration.ofSeconds(10);
    static final Duration MAX = Duration.ofSeconds(30);

    private ProfileLength() {
    }

    static Duration of(BenchContext context) {
        Duration d = context.duration();
        return d.compareTo(MIN) < 0 ? MIN : d.compareTo(MAX) > 0 ? MAX : d;
    }
}
