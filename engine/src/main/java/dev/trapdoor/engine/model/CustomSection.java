package dev.trapdoor.engine.model;

/** A custom section: its name, and the module offsets of its payload (after the name). */
public record CustomSection(String name, int sectionOffset, int payloadOffset, int payloadLength) {
}
