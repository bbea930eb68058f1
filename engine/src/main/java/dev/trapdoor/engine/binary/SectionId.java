package dev.trapdoor.engine.binary;

/**
 * The section ids of Wasm 2.0 and the order non-custom sections must come in. The data count section (id 12) sits
 * between the element and code sections, which is why order is not the id.
 */
enum SectionId {
    CUSTOM(0, 0),
    TYPE(1, 1),
    IMPORT(2, 2),
    FUNCTION(3, 3),
    TABLE(4, 4),
    MEMORY(5, 5),
    GLOBAL(6, 6),
    EXPORT(7, 7),
    START(8, 8),
    ELEMENT(9, 9),
    DATA_COUNT(12, 10),
    CODE(10, 11),
    DATA(11, 12);

    private static final SectionId[] BY_ID = new SectionId[13];

    static {
        for (SectionId s : values()) {
            BY_ID[s.id] = s;
        }
    }

    private final int id;
    private final int order;

    SectionId(int id, int order) {
        this.id = id;
        this.order = order;
    }

    /** Position in the required order; custom sections (0) may appear anywhere. */
    int order() {
        return order;
    }

    /** The section for an id byte, or {@code null} when Wasm 2.0 defines no such section. */
    static SectionId of(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
