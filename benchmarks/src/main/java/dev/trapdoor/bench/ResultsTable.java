package dev.trapdoor.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's JSON results (written by run.sh) into the Markdown tables of RESULTS.md: per workload the time on each
 * engine and the ratios Trapdoor/Chicory-interpreter (T/CI), Trapdoor/Chicory-compiler (T/CC), Trapdoor's compiled
 * tier/Chicory-compiler (J/CC) and compiled tier/interpreter (J/T), with geomeans;
 * cold start; and the debugger-overhead scenarios. A ratio above 1 means Trapdoor is slower.
 *
 * <p>Usage: {@code ResultsTable steady.json cold.json debug.json [large.json]}; a missing file prints its section as
 * not run.
 */
public final class ResultsTable {
    /**
     * One JMH score. Averaged modes: the mean and JMH's 99.9% confidence half-width (NaN for a single sample).
     * Single-shot (cold start, one sample per fork): the median and the range, since a confidence interval from
     * three forks says little and one slow fork should not move the ratio.
     */
    record Score(double mean, double error, boolean singleShot, double min, double median, double max) {
        Score(double mean, double error) {
            this(mean, error, false, Double.NaN, Double.NaN, Double.NaN);
        }

        /** The value ratios are computed from. */
        double value() {
            return singleShot ? median : mean;
        }

        String cell() {
            if (singleShot) {
                return min == max ? fmt(median) : fmt(median) + " (" + fmt(min) + "–" + fmt(max) + ")";
            }
            if (Double.isNaN(error) || mean == 0) {
                return fmt(mean);
            }
            return fmt(mean) + " ±" + Math.round(100 * error / mean) + "%";
        }
    }

    private ResultsTable() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3 && args.length != 4) {
            System.err.println("usage: ResultsTable steady.json cold.json debug.json [large.json]");
            System.exit(2);
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Map<String, Map<String, Score>> steady = byRow(read(Path.of(args[0])));
        Map<String, Map<String, Score>> cold = byRow(read(Path.of(args[1])));
        out.println("### Steady state (ms per call, lower is better)");
        out.println();
        if (steady.isEmpty()) {
            out.println("not run");
        } else {
            engineTable(out, steady, true);
        }
        out.println();
        out.println("### Cold start: parse + validate + instantiate + _initialize in a fresh JVM "
                + "(ms, median of forks and range)");
        out.println();
        if (cold.isEmpty()) {
            out.println("not run");
        } else {
            engineTable(out, cold, false);
        }
        out.println();
        if (args.length == 4) {
            Map<String, Map<String, Score>> large = byRow(read(Path.of(args[3])));
            out.println("### Start-up of a 1 MB module (" + LargeModuleBenchmark.WORKLOAD + "-O0.wasm, 1600 functions) "
                    + "in a warm JVM: parse + validate + instantiate + _initialize (ms)");
            out.println();
            if (large.isEmpty()) {
                out.println("not run");
            } else {
                engineTable(out, large, false);
            }
            out.println();
        }
        debuggerTable(out, read(Path.of(args[2])));
    }

    private static void engineTable(PrintStream out, Map<String, Map<String, Score>> rows, boolean byOpt) {
        out.println("| workload | trapdoor | trapdoor-jit | chicory-int | chicory-aot | T/CI | T/CC | J/CC | J/T |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        Map<String, List<double[]>> ratios = new LinkedHashMap<>();
        for (var row : rows.entrySet()) {
            Map<String, Score> s = row.getValue();
            double ci = ratio(s, "trapdoor", "chicory-int");
            double cc = ratio(s, "trapdoor", "chicory-aot");
            double jc = ratio(s, "trapdoor-jit", "chicory-aot");
            double jt = ratio(s, "trapdoor-jit", "trapdoor");
            out.printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", row.getKey(), cell(s, "trapdoor"),
                    cell(s, "trapdoor-jit"), cell(s, "chicory-int"), cell(s, "chicory-aot"), fmt(ci), fmt(cc),
                    fmt(jc), fmt(jt));
            double[] r = {ci, cc, jc, jt};
            ratios.computeIfAbsent("all", k -> new ArrayList<>()).add(r);
            if (byOpt) {
                String opt = row.getKey().substring(row.getKey().lastIndexOf('-') + 1);
                ratios.computeIfAbsent(opt, k -> new ArrayList<>()).add(r);
            }
        }
        for (var group : ratios.entrySet()) {
            if (byOpt && ratios.size() == 2 && !group.getKey().equals("all")) {
                continue; // only one opt level measured: its geomean is the overall one
            }
            String label = group.getKey().equals("all") ? "**geomean**" : "**geomean -" + group.getKey() + "**";
            out.printf("| %s | | | | | %s | %s | %s | %s |%n", label, fmt(geomean(group.getValue(), 0)),
                    fmt(geomean(group.getValue(), 1)), fmt(geomean(group.getValue(), 2)),
                    fmt(geomean(group.getValue(), 3)));
        }
    }

    private static void debuggerTable(PrintStream out, JsonArray results) {
        out.printf("### Debugger overhead on Trapdoor (%s-%s, ms per call)%n%n", DebuggerOverheadBenchmark.WORKLOAD,
                DebuggerOverheadBenchmark.OPT);
        out.println("| scenario | time | vs no debugger |");
        out.println("|---|---:|---:|");
        Map<String, Score> byMethod = new LinkedHashMap<>();
        for (JsonElement e : results) {
            JsonObject o = e.getAsJsonObject();
            String bench = o.get("benchmark").getAsString();
            byMethod.put(bench.substring(bench.lastIndexOf('.') + 1), score(o));
        }
        Score base = byMethod.get(DebuggerOverheadBenchmark.Scenario.NO_DEBUGGER.method);
        for (var sc : DebuggerOverheadBenchmark.Scenario.values()) {
            Score s = byMethod.get(sc.method);
            if (sc.pending) {
                out.printf("| %s | n/a (debug API not available) | |%n", sc.label);
            } else if (s == null) {
                out.printf("| %s | not run | |%n", sc.label);
            } else if (sc == DebuggerOverheadBenchmark.Scenario.HIT_AUTO_CONTINUE) {
                Score hitBase = byMethod.get(DebuggerOverheadBenchmark.Scenario.HIT_BASELINE.method);
                String perHit = hitBase == null ? "n/a"
                        : fmt((s.value() - hitBase.value()) * 1000.0 / DebuggerOverheadBenchmark.HIT_N) + " µs/hit";
                out.printf("| %s | %s | %s |%n", sc.label, s.cell(), perHit);
            } else {
                Score relTo = sc == DebuggerOverheadBenchmark.Scenario.HIT_BASELINE ? null : base;
                String rel = relTo == null || sc == DebuggerOverheadBenchmark.Scenario.NO_DEBUGGER ? "1.00"
                        : fmt(s.value() / relTo.value());
                out.printf("| %s | %s | %s |%n", sc.label, s.cell(), rel);
            }
        }
    }

    /** Groups results by "workload-opt" (in file order), then engine. */
    static Map<String, Map<String, Score>> byRow(JsonArray results) {
        Map<String, Map<String, Score>> rows = new LinkedHashMap<>();
        for (JsonElement e : results) {
            JsonObject o = e.getAsJsonObject();
            JsonObject params = o.getAsJsonObject("params");
            String row = params.get("workload").getAsString() + "-" + params.get("opt").getAsString();
            rows.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(params.get("engine").getAsString(), score(o));
        }
        return rows;
    }

    private static Score score(JsonObject result) {
        JsonObject m = result.getAsJsonObject("primaryMetric");
        double mean = number(m.get("score"));
        double error = number(m.get("scoreError"));
        JsonElement mode = result.get("mode");
        JsonObject pct = m.getAsJsonObject("scorePercentiles");
        if (mode != null && mode.getAsString().equals("ss") && pct != null) {
            return new Score(mean, error, true, number(pct.get("0.0")), number(pct.get("50.0")),
                    number(pct.get("100.0")));
        }
        return new Score(mean, error);
    }

    /** JMH writes NaN as the string "NaN". */
    private static double number(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return Double.NaN;
        }
        String s = e.getAsString();
        return s.equals("NaN") ? Double.NaN : Double.parseDouble(s);
    }

    private static double ratio(Map<String, Score> row, String engine, String other) {
        Score t = row.get(engine);
        Score o = row.get(other);
        return t == null || o == null ? Double.NaN : t.value() / o.value();
    }

    private static String cell(Map<String, Score> row, String engine) {
        Score s = row.get(engine);
        return s == null ? "–" : s.cell();
    }

    /** Geometric mean of column {@code col}, skipping missing ratios. */
    static double geomean(List<double[]> ratios, int col) {
        double logSum = 0;
        int count = 0;
        for (double[] r : ratios) {
            if (!Double.isNaN(r[col])) {
                logSum += Math.log(r[col]);
                count++;
            }
        }
        return count == 0 ? Double.NaN : Math.exp(logSum / count);
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, v);
    }

    private static JsonArray read(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return new JsonArray();
        }
        return JsonParser.parseString(Files.readString(file)).getAsJsonArray();
    }
}
