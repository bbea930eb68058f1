package dev.trapdoor.dap.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reading a file a user or a client named, without letting it hang or exhaust the server: only a regular file is
 * read (a FIFO nobody writes would block forever, {@code /dev/zero} never ends), and never more than a limit (a
 * file still being written can outgrow its size).
 */
public final class BoundedFiles {
    /** Larger than any module a JVM engine should be asked to load; Java arrays stop at 2 GB anyway. */
    public static final long MAX_PROGRAM_BYTES = 1L << 30;

    private BoundedFiles() {
    }

    /** The file's bytes. @throws IOException with a message for a person ("not a regular file", "over ...") */
    public static byte[] read(Path path, long maxBytes) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
        if (attrs.isDirectory()) {
            throw new IOException("is a directory");
        }
        if (!attrs.isRegularFile()) {
            throw new IOException("not a regular file (a device, FIFO or socket cannot be loaded)");
        }
        if (attrs.size() > maxBytes) {
            throw new IOException("its " + attrs.size() + " bytes are over the limit of " + maxBytes);
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 8) + 1);
            if (bytes.length > maxBytes) {
                throw new IOException("it grew past the limit of " + maxBytes + " bytes while being read");
            }
            return bytes;
        }
    }

    /** An exception from {@link #read} as a reason for a person. */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }

    /** Whether a path may be opened for streaming without blocking: anything but a FIFO or socket. */
    public static boolean opensWithoutBlocking(Path path) {
        try {
            return !Files.readAttributes(path, BasicFileAttributes.class).isOther();
        } catch (IOException e) {
            return true; // opening it reports the real problem
        }
    }
}
