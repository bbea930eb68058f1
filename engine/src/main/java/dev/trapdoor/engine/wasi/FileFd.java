package dev.trapdoor.engine.wasi;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A regular file opened through {@code path_open}. Keeps the host path it was opened at, for the calls the JDK only
 * offers by path (timestamps, inode numbers).
 */
final class FileFd extends FileDescriptor {
    final FileChannel channel;
    final Path hostPath;

    FileFd(FileChannel channel, Path hostPath, long rightsBase, long rightsInheriting, int fdflags) {
        super(rightsBase, rightsInheriting, fdflags);
        this.channel = channel;
        this.hostPath = hostPath;
    }

    @Override
    int filetype() {
        return Filetype.REGULAR_FILE;
    }

    @Override
    void close() throws IOException {
        channel.close();
    }
}
