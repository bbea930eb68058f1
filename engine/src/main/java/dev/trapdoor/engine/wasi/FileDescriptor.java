package dev.trapdoor.engine.wasi;

import java.io.IOException;

/**
 * An open descriptor in the guest's table: a standard stream, a regular file or a directory. Carries the rights and
 * fdflags the guest sees in {@code fd_fdstat_get}; rights only ever shrink.
 */
abstract sealed class FileDescriptor permits StreamFd, FileFd, DirFd {
    long rightsBase;
    long rightsInheriting;
    int fdflags;

    FileDescriptor(long rightsBase, long rightsInheriting, int fdflags) {
        this.rightsBase = rightsBase;
        this.rightsInheriting = rightsInheriting;
        this.fdflags = fdflags;
    }

    abstract int filetype();

    /** Releases host resources. Standard streams stay open for the embedder. */
    abstract void close() throws IOException;

    /** Fails with {@code ENOTCAPABLE} unless the descriptor holds every right in {@code rights}. */
    void require(long rights) throws ErrnoException {
        if ((rightsBase & rights) != rights) {
            throw new ErrnoException(Errno.ENOTCAPABLE);
        }
    }
}
