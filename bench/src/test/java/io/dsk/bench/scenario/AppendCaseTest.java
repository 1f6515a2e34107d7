package io.dsk.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.bench.report.Direction;
import io.dsk.bench.report.Figure;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppendCaseTest {

    @Test
    void ownStreamsGiveEachWriterItsStream() {
        AppendCase c = new AppendCase(16, false, 100);
        assertThat(c.streamOf("p", 0)).isNotEqualTo(c.streamOf("p", 1));
        assertThat(c.params()).containsEntry("writers", 16).containsEntry("streams", "16").containsEntry("bytes", 100);
        assertThat(c.label()).isEqualTo("16 writers");
    }

    @Test
    void aSharedStreamIsTheSameForEveryWriter() {
        AppendCase c = new AppendCase(64, true, 100);
        assertThat(c.streamOf("p", 0)).isEqualTo(c.streamOf("p", 63));
        assertThat(c.params()).containsEntry("streams", "1 shared");
        assertThat(c.label()).isEqualTo("64 writers on one stream");
    }

    @Test
    void largeAppendsSayTheirSize() {
        assertThat(new AppendCase(1, false, 1_000_000).label()).isEqualTo("1 writer, 1 MB appends");
    }

    @Test
    void sampleTableKeepsFirstMeasuredOrderAndPairsTheServers() {
        SampleTable table = new SampleTable();
        SampleTable.Key a = new SampleTable.Key("appends/s", "1/s", new AppendCase(1, false, 100).params(),
                Direction.HIGHER, Optional.empty());
        SampleTable.Key b = new SampleTable.Key("appends/s", "1/s", new AppendCase(16, false, 100).params(),
                Direction.HIGHER, Optional.empty());
        table.add(b, "dsk", 10);
        table.add(a, "reference", 1);
        table.add(a, "dsk", 20);
        table.add(b, "dsk", 30);
        List<Figure> figures = table.figures();
        assertThat(figures).extracting(f -> f.params().get("writers")).containsExactly(16, 1);
        assertThat(figures.get(0).dsk()).containsExactly(10.0, 30.0);
        assertThat(figures.get(0).reference()).isEmpty();
        assertThat(figures.get(1).ratio()).hasValue(20.0);
    }
}
