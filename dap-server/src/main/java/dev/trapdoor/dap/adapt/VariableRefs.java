package dev.trapdoor.dap.adapt;

import java.util.ArrayList;
import java.util.List;

/**
 * The variable references handed out during one stop. DAP says references are valid only while the program stays
 * stopped, so a new table is made at every stop and numbering restarts at 1.
 */
public final class VariableRefs {
    private final List<VariableContainer> containers = new ArrayList<>();

    public synchronized int add(VariableContainer container) {
        containers.add(container);
        return containers.size();
    }

    /** @throws EvalException for a reference not handed out in this stop */
    public synchronized VariableContainer get(int reference) {
        if (reference < 1 || reference > containers.size()) {
            throw new EvalException("variable reference " + reference + " is not valid (the program has moved on"
                    + " since it was handed out)");
        }
        return containers.get(reference - 1);
    }
}
