package dev.trapdoor.dap.session;

import dev.trapdoor.engine.coredump.Coredump;
import dev.trapdoor.engine.coredump.CoredumpReader;
import dev.trapdoor.engine.coredump.CoredumpWriter;
import dev.trapdoor.engine.error.MalformedModuleException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Coredump files: written whole (to a temporary sibling, then moved) and read under the program size cap. */
public final class CoredumpFiles {
    /** A coredump holds the program's memories: allow up to 4 GiB of them plus the sections around. */
    static final long MAX_COREDUMP_BYTES = Integer.MAX_VALUE - 8;

    private CoredumpFiles() {
    }

    public static void write(Path file, Coredump dump) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, CoredumpWriter.write(dump));
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads and decodes a coredump.
     *
     * @throws IOException             when the file cannot be read
     * @throws MalformedModuleException when it is not a coredump, with the offset and reason
     */
    public static Coredump read(Path file) throws IOException {
        return CoredumpReader.read(BoundedFiles.read(file, MAX_COREDUMP_BYTES));
    }
}
