package dev.trapdoor.engine.debug.vars;

import org.junit.jupiter.api.Test;

class ExploreTest {
    @Test
    void explore() {
        for (String f : new String[]{System.getProperty("fx", "inventory-debug.wasm")}) {
            ExampleProgram p = new ExampleProgram(f);
            for (String m : System.getProperty("bp", "BP_ADD").split(",")) {
                p.breakAt(m);
            }
            p.run(stop -> {
                System.out.println("=== " + f + " " + p.map.inlinedChain(stop.offset(0)));
                System.out.println(stop.dump());
            });
        }
    }
}
