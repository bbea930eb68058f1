package dev.trapdoor.engine.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Turns a guest path, relative to a directory descriptor, into a host path that cannot lie outside that directory.
 *
 * <p>The guest path is walked one component at a time on a stack of names below the base: {@code ..} pops and fails
 * with {@code ENOTCAPABLE} when the stack is empty, an absolute path fails at once, and every symbolic link met on the
 * way (and the last component when the call follows links) is read and its target spliced into the remaining
 * components, so a link's {@code ..} is checked the same way and an absolute target fails. The host path returned is
 * the base plus plain names only, and its last component is never a link that was meant to be followed: callers
 * then act on it with {@link LinkOption#NOFOLLOW_LINKS} where the JDK allows.
 *
 * <p>What this cannot stop: another host process swapping a directory for a link between the check and the use (the
 * JDK has no {@code openat}). The guest itself cannot race it, since it runs one call at a time.
 */
final class Sandbox {
    /** Links followed in one resolution before {@code ELOOP}, as Linux allows. */
    static final int MAX_SYMLINKS = 40;

    private Sandbox() {
    }

    /**
     * @param base        the directory the guest path is relative to; the boundary
     * @param guestPath   the path as the guest gave it
     * @param followFinal whether a link in the last component is followed ({@code symlink_follow})
     */
    static Path resolve(Path base, String guestPath, boolean followFinal) throws ErrnoException {
        if (guestPath.isEmpty()) {
            throw new ErrnoException(Errno.ENOENT);
        }
        if (guestPath.indexOf('\0') >= 0) {
            throw new ErrnoException(Errno.EILSEQ);
        }
        if (guestPath.startsWith("/")) {
            throw new ErrnoException(Errno.ENOTCAPABLE);
        }
        // A trailing slash names a directory, so the last component is followed like an inner one.
        boolean follow = followFinal || guestPath.endsWith("/");
        Deque<String> pending = new ArrayDeque<>();
        for (String part : split(guestPath)) {
            pending.addLast(part); // not the copying constructor: its method reference is a link at a run's first open
        }
        List<String> stack = new ArrayList<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (stack.isEmpty()) {
                    throw new ErrnoException(Errno.ENOTCAPABLE);
                }
                stack.remove(stack.size() - 1);
                continue;
            }
            boolean last = pending.isEmpty();
            Path candidate = join(base, stack).resolve(name);
            BasicFileAttributes attrs = lstat(candidate);
            if (attrs != null && attrs.isSymbolicLink() && (!last || follow)) {
                if (++links > MAX_SYMLINKS) {
                    throw new ErrnoException(Errno.ELOOP);
                }
                String target = readLink(candidate);
                if (target.startsWith("/")) {
                    throw new ErrnoException(Errno.ENOTCAPABLE);
                }
                if (target.isEmpty()) {
                    throw new ErrnoException(Errno.ENOENT);
                }
                List<String> parts = split(target);
                for (int i = parts.size() - 1; i >= 0; i--) {
                    pending.push(parts.get(i));
                }
                continue;
            }
            if (!last) {
                // POSIX needs every inner component to exist and be a directory; checking here also keeps
                // "missing/../x" from quietly meaning "x".
                if (attrs == null) {
                    throw new ErrnoException(Errno.ENOENT);
                }
                if (!attrs.isDirectory()) {
                    throw new ErrnoException(Errno.ENOTDIR);
                }
            }
            stack.add(name);
        }
        Path result = join(base, stack);
        if (guestPath.endsWith("/")) {
            // "file/" names a directory that a regular file is not (open, unlink, stat all say ENOTDIR).
            BasicFileAttributes attrs = lstat(result);
            if (attrs != null && !attrs.isDirectory()) {
                throw new ErrnoException(Errno.ENOTDIR);
            }
        }
        if (!result.normalize().startsWith(base.normalize())) {
            throw new ErrnoException(Errno.ENOTCAPABLE); // unreachable by construction; kept as a last guard
        }
        return result;
    }

    /**
     * Checks that a symlink with contents {@code target}, created in directory {@code linkParent} below {@code base},
     * would stay inside {@code base} when followed. Links that could only ever point outside are refused up front.
     */
    static void checkLinkTarget(Path base, Path linkParent, String target) throws ErrnoException {
        if (target.isEmpty()) {
            throw new ErrnoException(Errno.ENOENT);
        }
        if (target.indexOf('\0') >= 0) {
            throw new ErrnoException(Errno.EILSEQ);
        }
        if (target.startsWith("/")) {
            throw new ErrnoException(Errno.ENOTCAPABLE);
        }
        int depth = base.relativize(linkParent).normalize().toString().isEmpty() ? 0
                : base.relativize(linkParent).getNameCount();
        for (String name : split(target)) {
            if (name.equals("..")) {
                if (--depth < 0) {
                    throw new ErrnoException(Errno.ENOTCAPABLE);
                }
            } else if (!name.equals(".")) {
                depth++;
            }
        }
    }

    private static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return parts;
    }

    private static Path join(Path base, List<String> names) {
        Path p = base;
        for (String n : names) {
            p = p.resolve(n);
        }
        return p;
    }

    private static BasicFileAttributes lstat(Path p) throws ErrnoException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            Errno errno = HostErrors.errno(e);
            if (errno == Errno.ENOENT) {
                return null;
            }
            throw new ErrnoException(errno);
        }
    }

    private static String readLink(Path p) throws ErrnoException {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException | RuntimeException e) {
            throw new ErrnoException(HostErrors.errno(e));
        }
    }
}
