package dev.trapdoor.engine.validate;

/**
 * Receives each instruction of a function body as the validator walks it, so the translator sees the body with
 * validated immediates and static operand-stack heights without decoding it again.
 *
 * <p>{@link #instruction} is called before the instruction's effect on the operand stack, except for
 * {@code block}, {@code loop} and {@code if}, which are reported after their control frame is pushed. Prefixed
 * instructions are reported as {@code 0xFC00 | subOpcode}. The sink reads immediates and stack state from the
 * {@link FunctionValidator}.
 */
public interface CodeSink {
    void instruction(int opcode, int moduleOffset, FunctionValidator v);
}
