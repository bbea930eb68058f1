package dev.trapdoor.engine.wasi;

import java.nio.file.Path;
import java.util.List;

/**
 * A directory: a preopen or one opened through {@code path_open}. Path calls made through it are confined to
 * {@link #hostPath}. {@code fd_readdir} lists a snapshot taken when the guest starts at cookie 0, so cookies stay
 * stable while it pages through.
 */
final class DirFd extends FileDescriptor {
    final Path hostPath;
    /** The name the guest sees for a preopen, or {@code null} for a directory it opened itself. */
    final String preopenName;
    List<DirEntry> listing;

    DirFd(Path hostPath, String preopenName, long rightsBase, long rightsInheriting) {
        super(rightsBase, rightsInheriting, 0);
        this.hostPath = hostPath;
        this.preopenName = preopenName;
    }

    @Override
    int filetype() {
        return Filetype.DIRECTORY;
    }

    @Override
    void close() {
        listing = null;
    }

    /** One directory entry as {@code fd_readdir} reports it. */
    record DirEntry(byte[] name, long inode, int filetype) {
    }
}
