package dev.trapdoor.dap.cli;

import dev.trapdoor.dap.session.MemorySize;
import picocli.CommandLine;

/** Reads {@code --max-memory} as bytes or with a k/M/G suffix ({@link MemorySize}). */
final class MemorySizeConverter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        try {
            return MemorySize.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
