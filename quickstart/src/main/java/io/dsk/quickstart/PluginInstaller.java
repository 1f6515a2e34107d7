package io.dsk.quickstart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks the DSK connector plugin zip bundled in this jar into a plugin directory, the way an
 * operator installs it into a worker's {@code plugin.path}.
 */
final class PluginInstaller {

    static final String BUNDLED_ZIP = "/plugin/dsk-connector.zip";

    private PluginInstaller() {
    }

    /**
     * Replaces {@code pluginPath/dsk-connector} with the bundled plugin.
     *
     * @param pluginPath the worker's plugin path
     * @return {@code pluginPath}
     * @throws IOException if the zip is missing or cannot be unpacked
     */
    static Path install(Path pluginPath) throws IOException {
        Path target = pluginPath.resolve("dsk-connector");
        deleteRecursively(target);
        Files.createDirectories(target);
        try (InputStream in = PluginInstaller.class.getResourceAsStream(BUNDLED_ZIP)) {
            if (in == null) {
                throw new IOException("the plugin zip " + BUNDLED_ZIP + " is missing from the quickstart jar; "
                        + "rebuild with: mvn -B package -DskipTests");
            }
            unzip(in, target);
        }
        return pluginPath;
    }

    static void unzip(InputStream in, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path file = root.resolve(entry.getName()).normalize();
                if (!file.startsWith(root)) {
                    throw new IOException("zip entry escapes the plugin directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(zip, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
