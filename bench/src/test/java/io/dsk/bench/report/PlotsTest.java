package io.dsk.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

    @TempDir
    Path dir;

    @Test
    void lineChartWritesAPngWithBothSeriesColours() throws Exception {
        Map<String, double[][]> series = new LinkedHashMap<>();
        series.put("dsk", new double[][] {{1, 16, 64, 256}, {2_000, 20_000, 40_000, 50_000}});
        series.put("reference", new double[][] {{1, 16, 64, 256}, {500, 1_500, 1_800, 1_900}});
        Path png = Plots.lineChart(dir.resolve("sub/throughput.png"), "appends/s", "writers", "appends/s", series);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(containsColour(image, 0x1f77b4)).isTrue();
        assertThat(containsColour(image, 0xd62728)).isTrue();
    }

    @Test
    void latencyCdfWritesAPng() throws Exception {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("dsk", new double[] {0.5, 0.7, 1.2, 3.0, 9.0});
        Path png = Plots.latencyCdf(dir.resolve("cdf.png"), "append latency", series);
        assertThat(containsColour(ImageIO.read(png.toFile()), 0x1f77b4)).isTrue();
    }

    @Test
    void mismatchedSeriesAreRejected() {
        Map<String, double[][]> series = Map.of("dsk", new double[][] {{1, 2}, {1}});
        assertThatThrownBy(() -> Plots.lineChart(dir.resolve("x.png"), "t", "x", "y", series))
                .hasMessageContaining("equal length");
    }

    @Test
    void cdfRunsFromTheSmallestToTheLargestSample() {
        double[][] cdf = Plots.cdf(new double[] {3, 1, 2, 4});
        assertThat(cdf[0]).containsExactly(1, 2, 3, 4);
        assertThat(cdf[1]).containsExactly(0.25, 0.5, 0.75, 1.0);
    }

    @Test
    void cdfOfManySamplesIsThinnedButKeepsBothEnds() {
        double[] samples = new double[10_000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = i;
        }
        double[][] cdf = Plots.cdf(samples);
        assertThat(cdf[0]).hasSize(Plots.CDF_POINTS);
        assertThat(cdf[0][0]).isEqualTo(0);
        assertThat(cdf[0][Plots.CDF_POINTS - 1]).isEqualTo(9_999);
        assertThat(cdf[1][Plots.CDF_POINTS - 1]).isEqualTo(1.0);
    }

    private static boolean containsColour(BufferedImage image, int rgb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }
}
