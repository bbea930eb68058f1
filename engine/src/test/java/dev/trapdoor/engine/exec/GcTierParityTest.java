package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.SeenFrame;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * GC's traps (null structure, array and i31 references, a failed cast, array and data-segment bounds) raised in the
 * interpreter and in compiled code (one chunk, 64-byte chunks, tiered): the {@link Trap}s are equal field by field,
 * a debugger waiting for the trap sees the same frames with the same locals and operands, and its view of their GC
 * references ({@link GcView}) is the same objects with the same contents; every function really ran compiled in the
 * compiled configurations. Each trap is a call below a frame that keeps an operand across the call and holds
 * objects in its locals. A breakpoint in a callee of a compiled frame (which moves to the interpreter to show the
 * stop) shows the same frames and objects as in the interpreter.
 */
class GcTierParityTest {
    private static final String MODULE = """
            (module
              (type $pt (struct (field $x (mut i32)) (field $y i64)))
              (type $box (sub (struct (field $p (ref null $pt)))))
              (type $sub (sub $box (struct (field $p (ref null $pt)) (field $z i32))))
              (type $arr (array (mut i32)))
              (data $d "\\01\\02\\03\\04")
              (func $getX (param $s (ref null $pt)) (result i32)
                (local $keep (ref null $arr))
                (local.set $keep (array.new $arr (i32.const 3) (i32.const 2)))
                (struct.get $pt $x (local.get $s)))
              (func $arrGet (param $a (ref null $arr)) (param $i i32) (result i32)
                (array.get $arr (local.get $a) (local.get $i)))
              (func $cast (param $b (ref null $box)) (result i32)
                (struct.get $sub $z (ref.cast (ref $sub) (local.get $b))))
              (func $i31 (param $r i31ref) (result i32)
                (i31.get_s (local.get $r)))
              (func $newData (param $n i32) (result i32)
                (array.len (array.new_data $arr $d (i32.const 0) (local.get $n))))
              (func $copy (param $a (ref null $arr)) (param $n i32) (result i32)
                (array.copy $arr $arr (local.get $a) (i32.const 0) (local.get $a) (i32.const 1) (local.get $n))
                (i32.const 0))
              (func $len (param $a (ref null $arr)) (result i32)
                (array.len (local.get $a)))
              (func (export "run") (param $which i32) (param $p i32) (result i32)
                (local $pt (ref null $pt)) (local $a (ref null $arr)) (local $b (ref null $box))
                (local.set $pt (struct.new $pt (i32.const 5) (i64.const 6)))
                (local.set $a (array.new $arr (i32.const 9) (i32.const 4)))
                (local.set $b (struct.new $box (local.get $pt)))
                (i32.sub (i32.add (local.get $which) (i32.const 11))
                  (block $out (result i32)
                    (block $ln (block $cp (block $nd (block $i3 (block $ca (block $ag (block $gx
                      (br_table $gx $ag $ca $i3 $nd $cp $ln (local.get $which)))
                      (br $out (call $getX (if (result (ref null $pt)) (local.get $p)
                        (then (local.get $pt)) (else (ref.null $pt))))))
                    (br $out (call $arrGet (local.get $a) (local.get $p))))
                    (br $out (call $cast (if (result (ref null $box)) (local.get $p)
                      (then (local.get $b)) (else (struct.new $sub (local.get $pt) (i32.const 8)))))))
                    (br $out (call $i31 (if (result i31ref) (local.get $p)
                      (then (ref.null i31)) (else (ref.i31 (i32.const -3)))))))
                    (br $out (call $newData (local.get $p))))
                    (br $out (call $copy (local.get $a) (local.get $p))))
                    (br $out (call $len (if (result (ref null $arr)) (local.get $p)
                      (then (ref.null $arr)) (else (local.get $a))))))))
            )""";

    /** For each branch, an argument with which it does not trap. */
    private static final int[] FINE = {1, 3, 0, 0, 1, 3, 0};

    /** Each case: which branch, the trapping argument, the trap. */
    static Stream<Arguments> traps() {
        return Stream.of(
                Arguments.of("struct.get of null", 0, 0, TrapKind.NULL_STRUCTURE_REFERENCE),
                Arguments.of("array.get past the end", 1, 4, TrapKind.ARRAY_OUT_OF_BOUNDS),
                Arguments.of("ref.cast to a subtype the object is not", 2, 1, TrapKind.CAST_FAILURE),
                Arguments.of("i31.get_s of null", 3, 1, TrapKind.NULL_I31_REFERENCE),
                Arguments.of("array.new_data past the segment", 4, 2, TrapKind.MEMORY_OUT_OF_BOUNDS),
                Arguments.of("array.copy past the end", 5, 4, TrapKind.ARRAY_OUT_OF_BOUNDS),
                Arguments.of("array.len of null", 6, 1, TrapKind.NULL_ARRAY_REFERENCE));
    }

    /** What the handler saw: each frame's values, and each value's GC view (an object's type and fields). */
    private record Run(Trap trap, List<SeenFrame> frames, List<String> views, List<String> interpreted) {
    }

    private static Run run(EngineConfig config, int which, int p) {
        WasmModule module = Wasm.load(Wat.compile("gc.wat", MODULE).binary());
        Store store = new Store(config);
        Instance inst = store.instantiate(module, ImportResolver.NONE);
        List<SeenFrame> seen = new ArrayList<>();
        List<String> views = new ArrayList<>();
        store.debugger().setEntryEvents(false);
        store.debugger().setHandler((event, frames) -> {
            if (event instanceof DebugEvent.Trap) {
                for (DebugFrame f : frames) {
                    seen.add(SeenFrame.of(f));
                    for (int i = 0; i < f.localCount(); i++) {
                        views.add(view(store, f.local(i)));
                    }
                }
            }
            return Resume.CONTINUE;
        });
        FunctionInstance fn = inst.function("run");
        // The same calls that do not trap in every configuration (so objects get the same handles): in the tiered
        // one they take the callees past the threshold, so that the trapping call runs compiled.
        for (int i = 0; i < 4; i++) {
            for (int w = 0; w < 7; w++) {
                fn.call(w, FINE[w]);
            }
        }
        Trap trap = assertThrows(Trap.class, () -> fn.call(which, p));
        List<String> interpreted = new ArrayList<>();
        for (int f = 0; f < module.functionCount(); f++) {
            if (inst.functions[f].jit == null) {
                interpreted.add("function " + f);
            }
        }
        return new Run(trap, seen, views, interpreted);
    }

    /** A GC value as a debugger shows it: its summary and, for an object, its fields. */
    private static String view(Store store, long value) {
        GcObject o = GcView.object(store, value);
        String text = GcView.describe(store, value);
        if (o == null) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text);
        for (int i = 0; i < o.length(); i++) {
            sb.append(' ').append(GcView.read(o, i));
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traps")
    void sameTrapFramesAndObjectsInEveryTier(String name, int which, int p, TrapKind kind) {
        Run interpreted = run(EngineConfig.DEFAULT, which, p);
        assertEquals(kind, interpreted.trap().kind());
        assertEquals(2, interpreted.trap().stack().size(), interpreted.trap().stack().toString());
        assertEquals(2, interpreted.frames().size());
        // The caller's locals: its parameters, then the point, the array and the box.
        assertEquals("struct $pt 5 6", interpreted.views().get(interpreted.views().size() - 3));
        assertEquals("array $arr[4] 9 9 9 9", interpreted.views().get(interpreted.views().size() - 2));
        for (EngineConfig config : new EngineConfig[]{EngineConfig.DEFAULT.withTier(Tier.COMPILED),
                EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64),
                EngineConfig.DEFAULT.withTier(Tier.TIERED).withTierUpThreshold(2)}) {
            Run compiled = run(config, which, p);
            String where = config.tier() + " budget " + config.chunkBudget();
            assertSameTrap(interpreted.trap(), compiled.trap());
            assertEquals(interpreted.frames(), compiled.frames(), where);
            assertEquals(interpreted.views(), compiled.views(), where);
            if (config.tier() == Tier.COMPILED) {
                assertEquals(List.of(), compiled.interpreted(), where + ": declined");
            }
        }
    }

    /** The frames and their objects at a breakpoint at $getX's entry, below a compiled caller holding objects. */
    private static List<String> breakpointViews(EngineConfig config) {
        WasmModule module = Wasm.load(Wat.compile("gc.wat", MODULE).binary());
        Store store = new Store(config);
        Instance inst = store.instantiate(module, ImportResolver.NONE);
        FunctionInstance fn = inst.function("run");
        for (int i = 0; i < 4; i++) {
            fn.call(0, 1);
        }
        boolean callerCompiled = fn.jit != null;
        List<String> views = new ArrayList<>();
        store.debugger().setEntryEvents(false);
        store.debugger().setHandler((event, frames) -> {
            if (event instanceof DebugEvent.BreakpointHit) {
                for (DebugFrame f : frames) {
                    views.add(SeenFrame.of(f).toString());
                    for (int i = 0; i < f.localCount(); i++) {
                        views.add(view(store, f.local(i)));
                    }
                }
            }
            return Resume.CONTINUE;
        });
        store.debugger().addFunctionBreakpoint(inst, 0);
        assertEquals(11 - 5, fn.call(0, 1)[0]);
        views.add("caller compiled: " + callerCompiled);
        return views;
    }

    @org.junit.jupiter.api.Test
    void aBreakpointBelowACompiledCallerSeesItsObjects() {
        List<String> interpreted = breakpointViews(EngineConfig.DEFAULT);
        assertEquals("caller compiled: false", interpreted.remove(interpreted.size() - 1));
        assertEquals(true, interpreted.contains("struct $pt 5 6"), interpreted.toString());
        for (EngineConfig config : new EngineConfig[]{EngineConfig.DEFAULT.withTier(Tier.COMPILED),
                EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64)}) {
            List<String> compiled = breakpointViews(config);
            assertEquals("caller compiled: true", compiled.remove(compiled.size() - 1));
            assertEquals(interpreted, compiled, config.tier() + " budget " + config.chunkBudget());
        }
    }
}
