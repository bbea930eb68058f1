package dev.trapdoor.dap.adapt;

import org.eclipse.lsp4j.debug.Variable;

import java.util.ArrayList;
import java.util.List;

/**
 * The children of a v128 variable: one view per lane shape ({@code i8x16} ... {@code f64x2}), each expanding to its
 * lanes, which can be set one by one. The lanes are read through the location on every request, so a view shows the
 * value as it is now.
 */
final class V128Variables implements VariableContainer {
    private final Location vector;

    V128Variables(Location vector) {
        this.vector = vector;
    }

    @Override
    public List<Variable> children(VariableRefs refs, boolean hex) {
        List<Variable> out = new ArrayList<>();
        WasmValue v = vector.read();
        for (String shape : V128Values.SHAPES) {
            Variable var = new Variable();
            var.setName(shape);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < V128Values.lanes(shape); i++) {
                sb.append(i == 0 ? "" : " ").append(new WasmValue(V128Values.laneType(shape),
                        V128Values.lane(v.slot(), v.high(), shape, i)).display(hex));
            }
            var.setValue(sb.toString());
            var.setType(shape);
            var.setEvaluateName(vector.expression() + "." + shape);
            var.setVariablesReference(refs.add(new Lanes(vector, shape)));
            var.setIndexedVariables(V128Values.lanes(shape));
            out.add(var);
        }
        return out;
    }

    /** The lanes of one shape, named {@code [0]}, {@code [1]}, ... */
    private record Lanes(Location vector, String shape) implements VariableContainer {
        @Override
        public List<Variable> children(VariableRefs refs, boolean hex) {
            List<Variable> out = new ArrayList<>();
            for (int i = 0; i < V128Values.lanes(shape); i++) {
                out.add(variable(i, hex));
            }
            return out;
        }

        private Variable variable(int i, boolean hex) {
            Location lane = Location.lane(vector, shape, i);
            Variable var = new Variable();
            var.setName("[" + i + "]");
            var.setValue(lane.read().display(hex));
            var.setType(WasmValues.typeName(lane.type()));
            var.setEvaluateName(lane.expression());
            var.setVariablesReference(0);
            return var;
        }

        @Override
        public Variable set(String name, String value, VariableRefs refs, boolean hex) {
            int i;
            try {
                i = Integer.parseInt(name.replace("[", "").replace("]", "").trim());
            } catch (NumberFormatException e) {
                throw new EvalException("no lane named '" + name + "' in " + shape);
            }
            Location lane = Location.lane(vector, shape, i);
            try {
                lane.write(WasmValues.parse(lane.type(), value));
            } catch (IllegalArgumentException e) {
                throw new EvalException(e.getMessage());
            }
            return variable(i, hex);
        }
    }
}
