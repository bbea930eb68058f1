package dev.trapdoor.dap.source;

import dev.trapdoor.engine.dwarf.Value;
import dev.trapdoor.engine.dwarf.Variable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Mocked engine values for the mapping tests: scalars, structs, arrays and pointers with the engine's child names. */
final class CValues {
    private CValues() {
    }

    static Value scalar(String name, String type, String display) {
        Value v = mock(Value.class);
        when(v.name()).thenReturn(name);
        when(v.typeName()).thenReturn(type);
        when(v.display()).thenReturn(display);
        when(v.unavailable()).thenReturn(Optional.empty());
        when(v.address()).thenReturn(Optional.empty());
        when(v.memoryReference()).thenReturn(Optional.empty());
        when(v.children(anyInt(), anyInt())).thenReturn(List.of());
        return v;
    }

    static Value inMemory(Value v, long address) {
        when(v.address()).thenReturn(Optional.of(address));
        when(v.memoryReference()).thenReturn(Optional.of(address));
        return v;
    }

    static Value missing(String name, String type, String reason) {
        Value v = scalar(name, type, "<" + reason + ">");
        when(v.unavailable()).thenReturn(Optional.of(reason));
        return v;
    }

    /** A value whose children are {@code kids}; children(from, count) answers the slice, as the engine does. */
    static Value parent(String name, String type, String display, List<Value> kids) {
        Value v = scalar(name, type, display);
        when(v.childCount()).thenReturn(kids.size());
        when(v.hasChildren()).thenReturn(!kids.isEmpty());
        when(v.children(anyInt(), anyInt())).thenAnswer(a -> {
            int from = a.getArgument(0);
            int count = a.getArgument(1);
            return new ArrayList<>(kids.subList(Math.min(from, kids.size()), (int) Math.min(kids.size(),
                    (long) from + count)));
        });
        return v;
    }

    static Value array(String name, String elementType, int... elements) {
        List<Value> kids = new ArrayList<>();
        for (int i = 0; i < elements.length; i++) {
            kids.add(scalar("[" + i + "]", elementType, Integer.toString(elements[i])));
        }
        return parent(name, elementType + "[" + elements.length + "]", "{...}", kids);
    }

    static Value pointer(String name, String type, long target, Value pointee) {
        Value p = parent(name, type, String.format("0x%x", target), List.of(pointee));
        when(p.memoryReference()).thenReturn(Optional.of(target));
        return p;
    }

    static Variable variable(String name, boolean parameter) {
        Variable v = mock(Variable.class);
        when(v.name()).thenReturn(name);
        when(v.parameter()).thenReturn(parameter);
        return v;
    }
}
