package dev.trapdoor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTableTest {
    @Test
    void groupsJmhResultsByWorkloadAndEngine() {
        String json = """
                [{"benchmark":"x.SteadyStateBenchmark.run","params":{"workload":"fib","opt":"O2","engine":"trapdoor"},
                  "primaryMetric":{"score":8.0,"scoreError":"NaN"}},
                 {"benchmark":"x.SteadyStateBenchmark.run","params":{"workload":"fib","opt":"O2","engine":"chicory-int"},
                  "primaryMetric":{"score":2.0,"scoreError":0.5}}]""";
        var rows = ResultsTable.byRow(JsonParser.parseString(json).getAsJsonArray());
        assertEquals(8.0, rows.get("fib-O2").get("trapdoor").mean());
        assertEquals("2.00 ±25%", rows.get("fib-O2").get("chicory-int").cell());
        assertEquals("8.00", rows.get("fib-O2").get("trapdoor").cell());
    }

    @Test
    void singleShotResultsShowMedianAndRange() {
        String json = """
                [{"benchmark":"x.ColdStartBenchmark.load","mode":"ss",
                  "params":{"workload":"sort","opt":"O2","engine":"trapdoor"},
                  "primaryMetric":{"score":50.0,"scoreError":900.0,
                    "scorePercentiles":{"0.0":30.0,"50.0":40.0,"100.0":80.0}}}]""";
        var score = ResultsTable.byRow(JsonParser.parseString(json).getAsJsonArray()).get("sort-O2").get("trapdoor");
        assertEquals(40.0, score.value());
        assertEquals("40.0 (30.0–80.0)", score.cell());
    }

    @Test
    void geomeanSkipsMissingRatios() {
        List<double[]> ratios = List.of(new double[] {2, Double.NaN}, new double[] {8, 3});
        assertEquals(4.0, ResultsTable.geomean(ratios, 0), 1e-12);
        assertEquals(3.0, ResultsTable.geomean(ratios, 1), 1e-12);
    }
}
