package dev.trapdoor.intellij.plugin;

import com.intellij.execution.configurations.ConfigurationTypeBase;
import com.intellij.icons.AllIcons;
import com.intellij.openapi.util.NotNullLazyValue;
import dev.trapdoor.intellij.AdapterIds;

/** The "WebAssembly (Trapdoor)" run configuration type: LSP4IJ's DAP configuration, preset to the Trapdoor server. */
public final class TrapdoorConfigurationType extends ConfigurationTypeBase {
    public TrapdoorConfigurationType() {
        super(AdapterIds.RUN_CONFIGURATION_ID, AdapterIds.RUN_CONFIGURATION_NAME,
                "Debug a WebAssembly module with Trapdoor",
                NotNullLazyValue.createValue(() -> AllIcons.Actions.StartDebugger));
        addFactory(new TrapdoorConfigurationFactory(this));
    }
}
