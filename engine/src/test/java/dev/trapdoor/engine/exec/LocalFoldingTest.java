package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The translator lets operands alias locals and folds {@code local.set} into the instruction producing the value.
 * Each case here is a way that could read a stale or overwritten value; the spec suite does not cover all of them.
 */
class LocalFoldingTest {
    private static long run(String body, String params, long... args) {
        String wat = "(module (func $seven (result i32) (i32.const 7))"
                + " (func (export \"f\") " + params + " (result i32) (local i32 i32) " + body + "))";
        Instance inst = new Store().instantiate(Wasm.load(Wabt.wat(wat)), ImportResolver.NONE);
        return inst.invoke("f", args)[0];
    }

    @Test
    void aConsumedAliasDoesNotLeakIntoTheNextValuePushedAtItsPosition() {
        // The add consumes the alias at position 1 (local 1); the call's result then lands at position 1.
        assertEquals(100 + 200 + 7, run("(i32.add (i32.add (local.get 0) (local.get 1)) (call $seven))",
                "(param i32 i32)", 100, 200));
        assertEquals(7, run("(drop (local.get 0)) (call $seven)", "(param i32)", 100));
    }

    @Test
    void anOperandKeepsTheOldValueWhenItsLocalIsOverwritten() {
        assertEquals(5 - 9, run("(local.get 0) (local.set 0 (i32.const 9)) (i32.sub (local.get 0))"
                .replace("(i32.sub (local.get 0))", "(local.get 0) (i32.sub)"), "(param i32)", 5));
    }

    @Test
    void teeIntoALocalStillReadBelowKeepsTheOldValue() {
        // x is on the stack (aliased), then x = x + 1 via tee: the lower operand must stay the old x.
        assertEquals(5 * 6, run("(local.get 0) (local.tee 0 (i32.add (local.get 0) (i32.const 1))) (i32.mul)",
                "(param i32)", 5));
    }

    @Test
    void setFoldedIntoTheProducerStillSeesAliasesOfTheTarget() {
        // Old x stays on the stack while x = x * 10 is stored; then old x + new x.
        assertEquals(4 + 40, run("(local.get 0) (local.set 0 (i32.mul (local.get 0) (i32.const 10)))"
                + " (local.get 0) (i32.add)", "(param i32)", 4));
    }

    @Test
    void branchCarriesAnAliasedValue() {
        assertEquals(11, run("(block (result i32) (br_if 0 (local.get 0) (local.get 1)) (drop) (i32.const 22))",
                "(param i32 i32)", 11, 1));
        assertEquals(22, run("(block (result i32) (br_if 0 (local.get 0) (local.get 1)) (drop) (i32.const 22))",
                "(param i32 i32)", 11, 0));
    }

    @Test
    void loopParameterPassedFromAnAlias() {
        // Sums n + (n-1) + ... + 1, carrying the counter as the loop's parameter, read from a local each time.
        assertEquals(55, run("(local.get 0) (loop $l (param i32)"
                + " (local.set 1) (local.set 2 (i32.add (local.get 2) (local.get 1)))"
                + " (br_if $l (i32.sub (local.get 1) (i32.const 1)) (local.get 1)) (drop))"
                + " (local.get 2)", "(param i32)", 10));
    }

    @Test
    void conditionFromAnAliasAndValuesAcrossIf() {
        assertEquals(3, run("(if (result i32) (local.get 0) (then (local.get 1)) (else (local.get 2)))",
                "(param i32 i32 i32)", 1, 3, 4));
        assertEquals(4, run("(if (result i32) (local.get 0) (then (local.get 1)) (else (local.get 2)))",
                "(param i32 i32 i32)", 0, 3, 4));
    }

    @Test
    void swapThroughTheStack() {
        // a, b on the stack as aliases, then a = b_old and b = a_old.
        assertEquals(2 * 100 + 1, run("(local.get 0) (local.get 1) (local.set 0) (local.set 1)"
                + " (i32.add (i32.mul (local.get 0) (i32.const 100)) (local.get 1))", "(param i32 i32)", 1, 2));
    }

    @Test
    void aComparisonKeptInALocalIsNotFusedAway() {
        // The comparison's result goes to local 1 by tee and is branched on: fusing must not drop the store.
        assertEquals(1, run("(block (br_if 0 (local.tee 1 (i32.lt_s (local.get 0) (i32.const 10))))) (local.get 1)",
                "(param i32)", 3));
        assertEquals(0, run("(block (br_if 0 (local.tee 1 (i32.lt_s (local.get 0) (i32.const 10))))) (local.get 1)",
                "(param i32)", 30));
    }

    @Test
    void aDroppedComparisonDoesNotDecideTheBranch() {
        // The comparison is dropped and br_if tests local 0, pushed without emitting code; the two disagree.
        assertEquals(6, run("(block (result i32) (drop (i32.eq (local.get 0) (local.get 0))) (i32.const 5)"
                + " (local.get 0) (br_if 0) (drop) (i32.const 6))", "(param i32)", 0));
        assertEquals(5, run("(block (result i32) (drop (i32.eq (local.get 0) (i32.const 1))) (i32.const 5)"
                + " (local.get 0) (br_if 0) (drop) (i32.const 6))", "(param i32)", 2));
    }

    @Test
    void fusedComparisonsBranchLikeTheUnfusedOnes() {
        String[] ops = {"eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"};
        int[] values = {-5, 0, 3, 7};
        for (String op : ops) {
            for (int a : values) {
                for (int b : values) {
                    long expected = switch (op) {
                        case "eq" -> a == b ? 1 : 0;
                        case "ne" -> a != b ? 1 : 0;
                        case "lt_s" -> a < b ? 1 : 0;
                        case "lt_u" -> Integer.compareUnsigned(a, b) < 0 ? 1 : 0;
                        case "gt_s" -> a > b ? 1 : 0;
                        case "gt_u" -> Integer.compareUnsigned(a, b) > 0 ? 1 : 0;
                        case "le_s" -> a <= b ? 1 : 0;
                        case "le_u" -> Integer.compareUnsigned(a, b) <= 0 ? 1 : 0;
                        case "ge_s" -> a >= b ? 1 : 0;
                        default -> Integer.compareUnsigned(a, b) >= 0 ? 1 : 0;
                    };
                    String c = "(i32." + op + " (local.get 0) (local.get 1))";
                    String imm = "(i32." + op + " (local.get 0) (i32.const " + b + "))";
                    String immFirst = "(i32." + op + " (i32.const " + a + ") (local.get 1))";
                    for (String cond : new String[]{c, imm, immFirst}) {
                        String where = op + " " + a + " " + b + " " + cond;
                        assertEquals(expected, run("(block (result i32) (i32.const 1) (br_if 0 " + cond + ") (drop)"
                                + " (i32.const 0))", "(param i32 i32)", a, b), "br_if " + where);
                        assertEquals(expected, run("(if (result i32) " + cond + " (then (i32.const 1))"
                                + " (else (i32.const 0)))", "(param i32 i32)", a, b), "if " + where);
                    }
                }
            }
        }
    }

    @Test
    void zeroStoresAreSkippedOnlyWhileTheLocalIsKnownZero() {
        // Locals 1 and 2 are the declared (zeroed) ones.
        assertEquals(0, run("(local.set 1 (i32.const 0)) (local.get 1)", "(param i32)", 5));
        assertEquals(0, run("(local.set 1 (i32.const 7)) (local.set 1 (i32.const 0)) (local.get 1)", "(param i32)", 5),
                "a store of 7 in between makes the second zero store real");
        // x = 0 at the top of a loop body must run every iteration: the loop header is a branch target.
        assertEquals(3 * 2, run("(loop $l (local.set 1 (i32.const 0)) (local.set 1 (i32.add (local.get 1) (i32.const 2)))"
                + " (local.set 2 (i32.add (local.get 2) (local.get 1)))"
                + " (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))) (local.get 2)", "(param i32)", 3));
        assertEquals(0, run("(local.set 0 (i32.const 0)) (local.set 0 (i32.const 0)) (local.get 0)", "(param i32)", 9),
                "a parameter is not zero at entry, but is after a store of 0");
    }

    @Test
    void singleUseLocalsForwardTheirValueAndStoreItWhereTheReadCouldBeReachedOtherwise() {
        assertEquals(5 + 4, run("(local.set 1 (i32.const 5)) (i32.add (local.get 0) (local.get 1))", "(param i32)", 4));
        // Forwarded from local 0, which is then written: the read must see local 0's old value.
        assertEquals(4, run("(local.set 1 (local.get 0)) (local.set 0 (i32.add (local.get 0) (i32.const 1)))"
                + " (drop (local.get 0)) (local.get 1)", "(param i32)", 4));
        // The read is after a branch target: the store has to happen on the way there.
        assertEquals(7, run("(local.set 1 (i32.const 7)) (block (br_if 0 (local.get 0))) (local.get 1)", "(param i32)", 1));
        // Read before the set in program order, in a loop: the second iteration reads the first one's store.
        assertEquals(3, run("(loop $l (local.set 2 (i32.add (local.get 2) (local.get 1))) (local.set 1 (i32.const 3))"
                + " (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))) (local.get 2)", "(param i32)", 2));
    }
}
