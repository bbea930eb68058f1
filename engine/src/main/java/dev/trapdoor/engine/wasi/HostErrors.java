package dev.trapdoor.engine.wasi;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Locale;

/**
 * Maps what the JDK throws for a host I/O failure to the errno the guest sees. The JDK reports many POSIX errors as a
 * plain {@link FileSystemException} whose reason is the C library's {@code strerror} text, so those are matched by
 * text.
 */
final class HostErrors {
    private HostErrors() {
    }

    static Errno errno(Throwable t) {
        if (t instanceof ErrnoException e) {
            return e.errno;
        }
        if (t instanceof NoSuchFileException) {
            return Errno.ENOENT;
        }
        if (t instanceof FileAlreadyExistsException) {
            return Errno.EEXIST;
        }
        if (t instanceof DirectoryNotEmptyException) {
            return Errno.ENOTEMPTY;
        }
        if (t instanceof NotDirectoryException) {
            return Errno.ENOTDIR;
        }
        if (t instanceof AccessDeniedException) {
            return Errno.EACCES;
        }
        if (t instanceof NotLinkException) {
            return Errno.EINVAL;
        }
        if (t instanceof FileSystemLoopException) {
            return Errno.ELOOP;
        }
        if (t instanceof AtomicMoveNotSupportedException) {
            return Errno.EXDEV;
        }
        if (t instanceof FileSystemException fse) {
            return byReason(fse.getReason());
        }
        if (t instanceof ClosedChannelException || t instanceof NonReadableChannelException
                || t instanceof NonWritableChannelException) {
            return Errno.EBADF;
        }
        if (t instanceof InvalidPathException || t instanceof IllegalArgumentException) {
            return Errno.EINVAL;
        }
        if (t instanceof UnsupportedOperationException) {
            return Errno.ENOTSUP;
        }
        if (t instanceof SecurityException) {
            return Errno.EACCES;
        }
        if (t instanceof OutOfMemoryError) {
            return Errno.ENOMEM;
        }
        if (t instanceof IOException && t.getMessage() != null) {
            Errno e = byReason(t.getMessage());
            return e;
        }
        return Errno.EIO;
    }

    private static Errno byReason(String reason) {
        if (reason == null) {
            return Errno.EIO;
        }
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("is a directory")) {
            return Errno.EISDIR;
        }
        if (r.contains("not a directory")) {
            return Errno.ENOTDIR;
        }
        if (r.contains("too many levels of symbolic links")) {
            return Errno.ELOOP;
        }
        if (r.contains("directory not empty")) {
            return Errno.ENOTEMPTY;
        }
        if (r.contains("file exists")) {
            return Errno.EEXIST;
        }
        if (r.contains("no such file")) {
            return Errno.ENOENT;
        }
        if (r.contains("permission denied")) {
            return Errno.EACCES;
        }
        if (r.contains("operation not permitted")) {
            return Errno.EPERM;
        }
        if (r.contains("cross-device")) {
            return Errno.EXDEV;
        }
        if (r.contains("read-only file system")) {
            return Errno.EROFS;
        }
        if (r.contains("no space left")) {
            return Errno.ENOSPC;
        }
        if (r.contains("file name too long")) {
            return Errno.ENAMETOOLONG;
        }
        if (r.contains("too many links")) {
            return Errno.EMLINK;
        }
        if (r.contains("file too large")) {
            return Errno.EFBIG;
        }
        if (r.contains("invalid argument")) {
            return Errno.EINVAL;
        }
        if (r.contains("device or resource busy")) {
            return Errno.EBUSY;
        }
        if (r.contains("text file busy")) {
            return Errno.ETXTBSY;
        }
        if (r.contains("broken pipe")) {
            return Errno.EPIPE;
        }
        if (r.contains("quota")) {
            return Errno.EDQUOT;
        }
        return Errno.EIO;
    }
}
