package dev.trapdoor.dap.cli;

import dev.trapdoor.engine.exec.TranslationLevel;
import picocli.CommandLine;

/** Reads {@code --translation} in any case, with the engine's message for an unknown name. */
final class TranslationConverter implements CommandLine.ITypeConverter<TranslationLevel> {
    @Override
    public TranslationLevel convert(String value) {
        try {
            return TranslationLevel.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
