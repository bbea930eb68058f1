package dev.trapdoor.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints {@link ChunkingBenchmark}'s JSON as a table: one chunk against ten, per kernel, with the geomean. */
public final class ChunkingTable {
    private ChunkingTable() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, double[]> rows = new LinkedHashMap<>();
        for (JsonElement e : JsonParser.parseString(Files.readString(Path.of(args[0]))).getAsJsonArray()) {
            JsonObject o = e.getAsJsonObject();
            JsonObject params = o.getAsJsonObject("params");
            double ms = o.getAsJsonObject("primaryMetric").get("score").getAsDouble();
            double[] row = rows.computeIfAbsent(params.get("workload").getAsString(), k -> new double[2]);
            row[params.get("chunks").getAsString().equals("1") ? 0 : 1] = ms;
        }
        System.out.println("### The compiled tier in ten chunks against one (`run` of each kernel at -O2, ms per call)");
        System.out.println();
        System.out.println("| workload | 1 chunk | ~10 chunks | ratio |");
        System.out.println("|---|---:|---:|---:|");
        List<double[]> ratios = new ArrayList<>();
        for (var row : rows.entrySet()) {
            double[] v = row.getValue();
            double ratio = v[0] > 0 && v[1] > 0 ? v[1] / v[0] : Double.NaN;
            if (!Double.isNaN(ratio)) {
                ratios.add(new double[]{ratio});
            }
            System.out.printf("| %s | %s | %s | %s |%n", row.getKey(), ResultsTable.fmt(v[0]), ResultsTable.fmt(v[1]),
                    ResultsTable.fmt(ratio));
        }
        System.out.printf("| **geomean** | | | %s |%n", ResultsTable.fmt(ResultsTable.geomean(ratios, 0)));
    }
}
