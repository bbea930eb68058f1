package dev.trapdoor.intellij.plugin;

import com.intellij.execution.runners.ExecutionEnvironment;
import com.redhat.devtools.lsp4ij.dap.configurations.DAPRunConfigurationOptions;
import com.redhat.devtools.lsp4ij.dap.descriptors.DebugAdapterDescriptor;
import com.redhat.devtools.lsp4ij.dap.descriptors.DebugAdapterDescriptorFactory;
import org.jetbrains.annotations.NotNull;

/** Registered in {@code plugin.xml} under {@code com.redhat.devtools.lsp4ij.debugAdapterServer}. */
public final class TrapdoorDebugAdapterDescriptorFactory extends DebugAdapterDescriptorFactory {
    @Override
    public DebugAdapterDescriptor createDebugAdapterDescriptor(@NotNull DAPRunConfigurationOptions options,
                                                               @NotNull ExecutionEnvironment environment) {
        return new TrapdoorDebugAdapterDescriptor(options, environment, getServerDefinition());
    }
}
