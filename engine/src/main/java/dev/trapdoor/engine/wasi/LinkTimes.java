package dev.trapdoor.engine.wasi;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Nanosecond times on a symbolic link itself. JDK 17 sets a link's times with {@code lutimes}, which keeps only
 * microseconds, so a guest that sets {@code mtim - 200} on a link (wasi-testsuite {@code symlink_filestat}) reads back
 * a different value. {@code touch -h} uses {@code utimensat(AT_SYMLINK_NOFOLLOW)} with full precision; where it is
 * missing the microsecond value the JDK wrote stays.
 */
final class LinkTimes {
    private LinkTimes() {
    }

    static void keepNanoseconds(Path link, FileTime access, FileTime modified) {
        touch(link, "-a", access);
        touch(link, "-m", modified);
    }

    private static void touch(Path link, String which, FileTime time) {
        if (time == null) {
            return;
        }
        long nanos = time.to(TimeUnit.NANOSECONDS);
        if (nanos % 1000 == 0) {
            return; // lutimes already stored it exactly
        }
        List<String> cmd = new ArrayList<>(List.of("touch", "-h", "-c", which, "-d",
                "@" + Math.floorDiv(nanos, 1_000_000_000L) + "." + String.format("%09d",
                        Math.floorMod(nanos, 1_000_000_000L)), "--", link.toString()));
        try {
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!proc.waitFor(5, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
            }
        } catch (IOException e) {
            // no touch on this host: the microsecond value stays
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
