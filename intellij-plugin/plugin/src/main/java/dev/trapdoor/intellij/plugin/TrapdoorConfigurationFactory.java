package dev.trapdoor.intellij.plugin;

import com.intellij.execution.configurations.ConfigurationType;
import com.intellij.execution.configurations.RunConfiguration;
import com.intellij.openapi.project.Project;
import com.redhat.devtools.lsp4ij.dap.DebuggingType;
import com.redhat.devtools.lsp4ij.dap.configurations.DAPConfigurationFactory;
import com.redhat.devtools.lsp4ij.dap.configurations.DAPRunConfiguration;
import dev.trapdoor.intellij.AdapterIds;
import org.jetbrains.annotations.NotNull;

/**
 * Creates LSP4IJ DAP run configurations already pointing at the Trapdoor server, so the user only picks the
 * {@code .wasm}. Reusing LSP4IJ's configuration keeps its editor, breakpoints and exception filter panel.
 */
final class TrapdoorConfigurationFactory extends DAPConfigurationFactory {
    TrapdoorConfigurationFactory(@NotNull ConfigurationType type) {
        super(type);
    }

    @Override
    public @NotNull String getId() {
        return AdapterIds.RUN_CONFIGURATION_ID;
    }

    @Override
    public @NotNull RunConfiguration createTemplateConfiguration(@NotNull Project project) {
        RunConfiguration configuration = super.createTemplateConfiguration(project);
        if (configuration instanceof DAPRunConfiguration dap) {
            dap.setServerId(AdapterIds.SERVER_ID);
            dap.setServerName(AdapterIds.SERVER_NAME);
            dap.setDebuggingType(DebuggingType.LAUNCH);
        }
        return configuration;
    }
}
