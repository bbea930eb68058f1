package dev.trapdoor.engine.model;

import java.util.Map;

/**
 * What the {@code name} custom section says: the module's name, function names and local names (by function index,
 * then local index). Empty maps when the section is absent or unreadable.
 */
public record Names(String moduleName, Map<Integer, String> functionNames, Map<Integer, Map<Integer, String>> localNames) {
    public static final Names EMPTY = new Names(null, Map.of(), Map.of());
}
