package dev.trapdoor.engine.dwarf;

/**
 * Path arithmetic on build-machine paths. These are strings, not {@link java.nio.file.Path}s: they name files on the
 * machine that compiled the module, whose separator and roots need not be this machine's.
 */
final class SourcePaths {
    private SourcePaths() {
    }

    static boolean isAbsolute(String path) {
        return path.startsWith("/") || path.startsWith("\\") || (path.length() > 2 && path.charAt(1) == ':'
                && (path.charAt(2) == '/' || path.charAt(2) == '\\'));
    }

    /** {@code dir/name}, or {@code name} alone when it is absolute or there is no directory. */
    static String join(String dir, String name) {
        if (dir == null || dir.isEmpty() || isAbsolute(name)) {
            return normalize(name);
        }
        return normalize(dir.endsWith("/") ? dir + name : dir + "/" + name);
    }

    /**
     * Drops {@code .} segments and doubled slashes, which compilers leave in joined paths ({@code /src/./a.h}). Keeps
     * {@code ..}: collapsing it is wrong when the directory before it is a symlink.
     */
    static String normalize(String path) {
        String p = path.replace('\\', '/');
        boolean absolute = p.startsWith("/");
        StringBuilder out = new StringBuilder(absolute ? "/" : "");
        for (String segment : p.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != '/') {
                out.append('/');
            }
            out.append(segment);
        }
        return out.length() == 0 ? "." : out.toString();
    }

    static String baseName(String path) {
        String p = normalize(path);
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
