package dev.trapdoor.engine.text;

import java.util.List;

/**
 * One function's code as written: its body bytes (locals, instructions, {@code end}) and where each instruction
 * came from.
 *
 * @param body       the body without its size prefix
 * @param localNames names of params and locals by local index ({@code null} for unnamed)
 * @param labelNames names of labels as {@code [bodyOffset of the block instruction, name]} pairs in label order
 * @param positions  {@code [offset in body, line, column]} per instruction
 */
record FunctionCode(byte[] body, List<String> localNames, List<LabelName> labelNames, int[] positions) {
    record LabelName(int index, String name) {
    }
}
