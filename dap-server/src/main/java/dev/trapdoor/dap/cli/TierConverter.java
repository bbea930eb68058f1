package dev.trapdoor.dap.cli;

import dev.trapdoor.engine.exec.Tier;
import picocli.CommandLine;

/** Reads {@code --tier} in any case, with the engine's message for an unknown name. */
final class TierConverter implements CommandLine.ITypeConverter<Tier> {
    @Override
    public Tier convert(String value) {
        try {
            return Tier.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
