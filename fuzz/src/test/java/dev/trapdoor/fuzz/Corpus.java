package dev.trapdoor.fuzz;

import dev.trapdoor.engine.text.SExpr;
import dev.trapdoor.engine.text.SExprReader;
import dev.trapdoor.engine.text.Token;
import dev.trapdoor.engine.text.Wat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The seed modules: every {@code (module ...)} of the spec suite's scripts (text modules compiled by our own text
 * compiler, {@code binary} ones as written; {@code quote} ones skipped) and every {@code .wasm} fixture in the
 * repository. Without {@code ../shared/wasm-testsuite} the fixtures alone seed, with a loud line.
 */
final class Corpus {
    private static List<byte[]> modules;

    private Corpus() {
    }

    static synchronized List<byte[]> modules() {
        if (modules == null) {
            List<byte[]> all = new ArrayList<>(fixtures());
            int fixtures = all.size();
            all.addAll(specModules());
            System.err.println("fuzz corpus: " + fixtures + " fixtures, " + (all.size() - fixtures)
                    + " spec-suite modules");
            modules = List.copyOf(all);
        }
        return modules;
    }

    private static Path repo() {
        return Path.of("..").toAbsolutePath().normalize();
    }

    private static List<byte[]> fixtures() {
        List<byte[]> out = new ArrayList<>();
        for (String dir : new String[]{"examples", "engine/src/test/resources", "integration-tests",
                "benchmarks/kernels"}) {
            Path root = repo().resolve(dir);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.filter(f -> f.toString().endsWith(".wasm") && !f.toString().contains("/target/")
                        && !f.toString().contains("node_modules")).sorted().toList()) {
                    byte[] bytes = Files.readAllBytes(p);
                    if (bytes.length <= 4 << 20) {
                        out.add(bytes);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static List<byte[]> specModules() {
        Path suite = repo().resolve("../shared/wasm-testsuite");
        if (!Files.isDirectory(suite)) {
            System.err.println("*** SPEC SUITE MISSING: " + suite + "; the fuzz corpus has only our fixtures");
            return List.of();
        }
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(suite)) {
            for (Path wast : s.filter(f -> f.toString().endsWith(".wast")).sorted().toList()) {
                String text = Files.readString(wast);
                List<SExpr> top;
                try {
                    top = SExprReader.read(wast.toString(), text);
                } catch (RuntimeException unreadable) {
                    continue;
                }
                for (SExpr e : top) {
                    if (e instanceof SExpr.Group g && "module".equals(g.head())) {
                        byte[] m = module(wast.toString(), g);
                        if (m != null) {
                            out.add(m);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A script's module as bytes, or null when it is quoted text or does not compile. */
    private static byte[] module(String file, SExpr.Group g) {
        List<SExpr> items = g.items();
        int i = g.headIndex() + 1;
        if (i < items.size() && items.get(i) instanceof SExpr.Atom a && a.token().kind() == Token.Kind.ID) {
            i++;
        }
        if (i < items.size() && items.get(i) instanceof SExpr.Atom a && a.token().kind() == Token.Kind.KEYWORD) {
            if (!a.token().text().equals("binary")) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int k = i + 1; k < items.size(); k++) {
                if (items.get(k) instanceof SExpr.Atom s && s.token().kind() == Token.Kind.STRING) {
                    bytes.writeBytes(s.token().bytes());
                }
            }
            return bytes.toByteArray();
        }
        try {
            return Wat.module(file, g, false).binary();
        } catch (RuntimeException notForUs) {
            return null;
        }
    }
}
