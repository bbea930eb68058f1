package dev.trapdoor.engine.error;

/**
 * The module uses a feature Trapdoor does not implement (SIMD, tail calls, exception handling, ...). It is not
 * malformed: the bytes are well-formed under the spec that defines the feature. Carries the feature, the module
 * offset of the first construct that uses it, and what that construct is.
 */
public final class UnsupportedFeatureException extends WasmException {
    private final Feature feature;
    private final int moduleOffset;
    private final String construct;

    /**
     * @param construct what at {@code moduleOffset} uses the feature, e.g. "return_call" or "tag section"
     */
    public UnsupportedFeatureException(Feature feature, int moduleOffset, String construct) {
        super(String.format("not supported: %s at offset 0x%x (%s)", feature, moduleOffset, construct));
        this.feature = feature;
        this.moduleOffset = moduleOffset;
        this.construct = construct;
    }

    public Feature feature() {
        return feature;
    }

    public int moduleOffset() {
        return moduleOffset;
    }

    /** The instruction, type or section that uses the feature, e.g. "return_call" or "tag section". */
    public String construct() {
        return construct;
    }
}
