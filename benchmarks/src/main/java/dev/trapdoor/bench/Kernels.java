package dev.trapdoor.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * The committed kernels ({@code kernels/<name>-<opt>.wasm}) and {@code kernels.properties}, both written by
 * {@code benchmarks/kernels/build.sh}: per workload a benchmark n and a test n, each with the checksum the same C
 * computes when compiled natively.
 */
public final class Kernels {
    public static final List<String> OPT_LEVELS = List.of("O2", "O0");
    private static final String DIR = "/dev/trapdoor/bench/kernels/";
    private static final Properties PROPS = load();

    private Kernels() {
    }

    public static List<String> workloads() {
        return List.of(PROPS.getProperty("workloads").split(","));
    }

    public static byte[] wasm(String workload, String opt) {
        String path = DIR + workload + "-" + opt + ".wasm";
        try (InputStream in = Kernels.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no kernel " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code size} is {@code "bench"} or {@code "test"}. */
    public static int n(String workload, String size) {
        return Integer.parseInt(property(workload + "." + size + ".n"));
    }

    public static int expected(String workload, String size) {
        return Integer.parseInt(property(workload + "." + size + ".expected"));
    }

    private static String property(String key) {
        String v = PROPS.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("kernels.properties has no " + key);
        }
        return v;
    }

    private static Properties load() {
        try (InputStream in = Kernels.class.getResourceAsStream(DIR + "kernels.properties")) {
            if (in == null) {
                throw new IllegalStateException("kernels.properties missing: run benchmarks/kernels/build.sh");
            }
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
