package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link HostCallListener}: each host call from Wasm is told once it returned, with its arguments and results as
 * they crossed, in every tier; a host that throws is not told, nor is a host function the embedder invokes itself.
 */
class HostCallListenerTest {
    private static final String WAT = """
            (module
              (import "env" "mix" (func $mix (param i32 f64) (result f32)))
              (import "env" "fail" (func $fail (param i32)))
              (func (export "run") (param $n i32) (result f32)
                (local $r f32)
                (loop $l
                  ;; the result goes straight into a local: no later instruction has it on the operand stack
                  (local.set $r (call $mix (local.get $n) (f64.const 0.5)))
                  (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                (local.get $r))
              (func (export "fails") (call $fail (i32.const -3))))
            """;

    record Seen(String name, List<Long> args, List<Long> results) {
    }

    @ParameterizedTest
    @EnumSource(value = Tier.class, names = {"INTERPRETER", "COMPILED"})
    void eachReturnedHostCallIsToldWithItsValues(Tier tier) {
        Store store = new Store(EngineConfig.DEFAULT.withTier(tier));
        FunctionInstance mix = store.hostFunction("mix", FuncType.of(new ValType[] {ValType.I32, ValType.F64},
                new ValType[] {ValType.F32}), (caller, args) -> new long[] {
                Float.floatToRawIntBits((float) (args[0] + Double.longBitsToDouble(args[1])))});
        FunctionInstance fail = store.hostFunction("fail", FuncType.of(new ValType[] {ValType.I32}, new ValType[0]),
                (caller, args) -> {
                    throw new IllegalStateException("no");
                });
        Instance inst = store.instantiate(Wasm.load(Wat.compile("t.wat", WAT).binary()),
                (m, n) -> n.equals("mix") ? mix : fail);
        List<Seen> seen = new ArrayList<>();
        HostCallListener listener = (caller, callee, args, results) -> seen.add(new Seen(
                caller == inst ? callee.name() : "?",
                java.util.Arrays.stream(args).boxed().toList(), java.util.Arrays.stream(results).boxed().toList()));
        store.addHostCallListener(listener);

        long r = inst.invoke("run", 2)[0];
        assertEquals(1.5f, Float.intBitsToFloat((int) r));
        assertEquals(List.of(
                new Seen("mix", List.of(2L, Double.doubleToRawLongBits(0.5)),
                        List.of((long) Float.floatToRawIntBits(2.5f))),
                new Seen("mix", List.of(1L, Double.doubleToRawLongBits(0.5)),
                        List.of((long) Float.floatToRawIntBits(1.5f)))), seen);

        assertThrows(Trap.class, () -> inst.invoke("fails"));
        assertEquals(2, seen.size(), "a host that threw is not told");
        mix.call(7, Double.doubleToRawLongBits(1));
        assertEquals(2, seen.size(), "the embedder's own call of a host function is not a call from Wasm");

        store.removeHostCallListener(listener);
        inst.invoke("run", 1);
        assertEquals(2, seen.size(), "removed");
    }
}
