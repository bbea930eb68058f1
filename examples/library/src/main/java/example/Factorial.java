package example;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;

/** Trapdoor's engine as a library: a WAT module compiled, instantiated and called, then made to trap. */
public final class Factorial {
    private static final String WAT = """
            (module
              (func $fact (export "fact") (param $n i64) (result i64)
                (if (result i64) (i64.le_u (local.get $n) (i64.const 1))
                  (then (i64.const 1))
                  (else (i64.mul (local.get $n) (call $fact (i64.sub (local.get $n) (i64.const 1)))))))
              (func (export "divide") (param i32 i32) (result i32)
                (i32.div_s (local.get 0) (local.get 1))))
            """;

    public static void main(String[] args) {
        WasmModule module = Wasm.load(Wat.compile("fact.wat", WAT).binary());
        Instance instance = new Store().instantiate(module, ImportResolver.NONE);
        System.out.println("fact(20) = " + instance.invoke("fact", 20)[0]);
        try {
            instance.invoke("divide", 1, 0);
        } catch (Trap trap) {
            System.out.println("trapped: " + trap.getMessage());
        }
    }
}
