package io.dsk.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** {@code java -jar dsk-cli.jar}: runs {@link DskCommand} on the process's standard streams and exits with its status. */
public final class DskMain {

    private DskMain() {
    }

    public static void main(String[] args) {
        BufferedOutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int status = DskCommand.run(args, new Terminal(System.in, out, err, System.getenv()));
        System.exit(status);
    }
}
