package dev.trapdoor.engine.coredump;

/**
 * Why the program stopped, kept in Trapdoor's own custom section {@code trapdoor.trap} (the format records no
 * reason): the {@code TrapKind}'s name and the trap's detail text (empty when it has none).
 */
public record CoreTrap(String kind, String detail) {
}
