package io.dsk.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** A fixed-size PNG chart with a title, two axes, a grid, lines and a legend, drawn with Java2D. */
final class ChartCanvas {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
    };

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    private final Graphics2D g = image.createGraphics();
    private final Axis x;
    private final Axis y;
    private int series;

    ChartCanvas(String title, String xLabel, String yLabel, Axis x, Axis y) {
        this.x = x;
        this.y = y;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, TOP - 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        drawGrid();
        g.drawString(xLabel + (x.isLog() ? " (log scale)" : ""), LEFT + plotWidth() / 2 - 60, HEIGHT - 20);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(yLabel + (y.isLog() ? " (log scale)" : ""), -(TOP + plotHeight() / 2 + 60), 20);
        rotated.dispose();
    }

    /** Draws one series as a polyline with point markers and adds it to the legend. */
    void line(String label, double[] xs, double[] ys, boolean markers) {
        Color color = PALETTE[series % PALETTE.length];
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        Path2D path = new Path2D.Double();
        for (int i = 0; i < xs.length; i++) {
            double px = px(xs[i]);
            double py = py(ys[i]);
            if (i == 0) {
                path.moveTo(px, py);
            } else {
                path.lineTo(px, py);
            }
            if (markers) {
                g.fillOval((int) px - 4, (int) py - 4, 8, 8);
            }
        }
        g.draw(path);
        int ly = TOP + 18 + 18 * series;
        g.fillRect(LEFT + 14, ly - 9, 18, 4);
        g.setColor(Color.BLACK);
        g.drawString(label, LEFT + 40, ly - 3);
        series++;
    }

    /** Writes the PNG, creating parent directories. */
    Path write(Path png) {
        g.dispose();
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", png.toFile())) {
                throw new IOException("no PNG writer in this JDK");
            }
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + png, e);
        }
    }

    private void drawGrid() {
        g.setStroke(new BasicStroke(1f));
        for (double t : x.ticks()) {
            int px = (int) px(t);
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(px, TOP, px, TOP + plotHeight());
            g.setColor(Color.DARK_GRAY);
            String label = Axis.label(t);
            g.drawString(label, px - g.getFontMetrics().stringWidth(label) / 2, TOP + plotHeight() + 18);
        }
        for (double t : y.ticks()) {
            int py = (int) py(t);
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(LEFT, py, LEFT + plotWidth(), py);
            g.setColor(Color.DARK_GRAY);
            String label = Axis.label(t);
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), py + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotWidth(), plotHeight());
    }

    private double px(double value) {
        return LEFT + x.fraction(value) * plotWidth();
    }

    private double py(double value) {
        return TOP + plotHeight() - y.fraction(value) * plotHeight();
    }

    private static int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }
}
