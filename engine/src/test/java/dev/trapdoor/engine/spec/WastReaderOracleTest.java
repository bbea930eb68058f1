package dev.trapdoor.engine.spec;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Checks the text format against wabt on the whole 2.0 suite, SIMD scripts included: {@link WastReader} must read
 * each script into the commands {@code wast2json} writes (same lines, names, actions, values, texts), and every module
 * the script writes in text or binary must come out byte for byte as wast2json's {@code .wasm} file (without a name
 * section, which wast2json does not write), except that a {@code funcref} element segment may be written as function
 * indices or as {@code ref.func} expressions ({@link ElementForms20}): 2.0 reads both as {@code funcref}, 3.0 the
 * first as {@code (ref func)}, so our encoder writes the second where the text declares {@code funcref}. Needs
 * wast2json (Debian's wabt), else skips loudly.
 */
class WastReaderOracleTest {
    private static final String SUBNORMAL_TIE = "0x1.fffffffffffffp-1023 lies halfway between the largest subnormal"
            + " and 0x1p-1022; round-to-nearest-even gives 0x1p-1022, wabt rounds down";
    /** Where wabt is wrong and the reader right, by {@code file:line}. */
    private static final java.util.Map<String, String> WABT_DIFFERS = java.util.Map.of(
            "select.wast:324", "(select (result)) is the typed select with no types (0x1C 0x00), which validation"
                    + " rejects for its arity; wabt writes the untyped 0x1B",
            "simd_lane.wast:164", SUBNORMAL_TIE, "simd_lane.wast:165", SUBNORMAL_TIE,
            "simd_lane.wast:265", SUBNORMAL_TIE, "simd_lane.wast:266", SUBNORMAL_TIE,
            "simd_lane.wast:281", SUBNORMAL_TIE, "simd_lane.wast:282", SUBNORMAL_TIE);

    @TestFactory
    Stream<DynamicTest> readerAgreesWithWast2json() throws IOException {
        SpecLocator locator;
        try {
            locator = SpecLocator.locate();
        } catch (SpecLocator.MissingPrerequisiteException e) {
            return skipped("TEXT FORMAT ORACLE NOT RUN: " + e.getMessage());
        }
        if (!locator.hasWast2json()) {
            return skipped("TEXT FORMAT ORACLE NOT RUN: wast2json is not installed (Debian package wabt)");
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : locator.scriptNames()) {
            tests.add(dynamicTest(name + ".wast", locator.wast(name).toUri(), () -> compare(locator, name)));
        }
        return tests.stream();
    }

    private static Stream<DynamicTest> skipped(String message) {
        System.err.println("*** " + message);
        return Stream.of(dynamicTest("text format oracle prerequisites", () -> Assumptions.abort(message)));
    }

    private static void compare(SpecLocator locator, String name) throws IOException {
        String file = name + ".wast";
        List<WastCommand> oracle = WastCommand.readScript(locator.convert(name));
        List<WastCommand> ours = WastReader.read(locator.wast(name), file);
        List<String> problems = new ArrayList<>();
        if (oracle.size() != ours.size()) {
            problems.add("wast2json has " + oracle.size() + " commands, the reader " + ours.size());
        }
        for (int i = 0; i < Math.min(oracle.size(), ours.size()); i++) {
            WastCommand want = oracle.get(i);
            WastCommand got = ours.get(i);
            String where = file + ":" + want.line() + " " + want.type();
            if (WABT_DIFFERS.containsKey(file + ":" + want.line())) {
                continue;
            }
            if (want.line() != got.line() || !want.type().equals(got.type())) {
                problems.add(where + ": the reader has " + got.type() + " at line " + got.line());
                break;
            }
            if (!same(want.name(), got.name()) || !same(want.as(), got.as()) || !same(want.text(), got.text())
                    || !sameAction(want.action(), got.action())
                    // For traps and exhaustion wast2json lists result types, which a script does not write.
                    || (want.type().equals("assert_return") && !sameValues(want.expected(), got.expected()))) {
                problems.add(where + ": wast2json " + want + "\n    reader    " + got);
            }
            if (want.module() != null && want.module().kind() == WastModule.Kind.FILE) {
                byte[] expected = Files.readAllBytes(want.module().file());
                byte[] actual;
                try {
                    actual = got.module().bytesWithoutNames();
                } catch (RuntimeException e) {
                    problems.add(where + ": the text does not compile: " + e.getMessage());
                    continue;
                }
                if (!Arrays.equals(ElementForms20.canonical(expected), ElementForms20.canonical(actual))) {
                    problems.add(where + ": module bytes differ from " + want.module().file().getFileName()
                            + "\n    wat2wasm " + HexFormat.of().formatHex(expected)
                            + "\n    ours     " + HexFormat.of().formatHex(actual));
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " differences:\n" + String.join("\n", problems.subList(0,
                    Math.min(problems.size(), 10))));
        }
    }

    private static boolean same(Object a, Object b) {
        return a == null ? b == null : a.equals(b);
    }

    private static boolean sameAction(WastCommand.Action a, WastCommand.Action b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.type().equals(b.type()) && same(a.module(), b.module()) && a.field().equals(b.field())
                && sameValues(a.args(), b.args());
    }

    /** v128 values are compared by type only: wast2json writes lanes as an array, the reader keeps the text. */
    private static boolean sameValues(List<WastValue> a, List<WastValue> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            WastValue x = a.get(i);
            WastValue y = b.get(i);
            if (!x.type().equals(y.type()) || (!x.type().equals("v128") && !same(x.value(), y.value()))) {
                return false;
            }
        }
        return true;
    }
}
