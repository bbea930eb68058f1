package dev.trapdoor.engine.dwarf;

import java.util.ArrayList;
import java.util.List;

/** Problems met while reading debug info. Capped: one damaged byte can make every later unit complain. */
final class Warnings {
    private static final int MAX = 20;
    private final List<String> messages = new ArrayList<>();
    private int dropped;

    synchronized void add(String message) {
        if (messages.size() < MAX) {
            messages.add(message);
        } else {
            dropped++;
        }
    }

    synchronized List<String> list() {
        List<String> all = new ArrayList<>(messages);
        if (dropped > 0) {
            all.add(dropped + " more DWARF warnings not shown");
        }
        return List.copyOf(all);
    }
}
