package dev.trapdoor.intellij.plugin;

import com.intellij.execution.ExecutionException;
import com.intellij.execution.configurations.GeneralCommandLine;
import com.intellij.execution.configurations.RunConfigurationOptions;
import com.intellij.execution.process.ProcessHandler;
import com.intellij.execution.runners.ExecutionEnvironment;
import com.intellij.openapi.fileTypes.FileType;
import com.intellij.openapi.project.Project;
import com.intellij.openapi.vfs.VirtualFile;
import com.redhat.devtools.lsp4ij.dap.DebugMode;
import com.redhat.devtools.lsp4ij.dap.configurations.options.FileOptionConfigurable;
import com.redhat.devtools.lsp4ij.dap.configurations.options.WorkingDirectoryConfigurable;
import com.redhat.devtools.lsp4ij.dap.definitions.DebugAdapterServerDefinition;
import com.redhat.devtools.lsp4ij.dap.descriptors.DebugAdapterDescriptor;
import com.redhat.devtools.lsp4ij.dap.descriptors.ServerReadyConfig;
import dev.trapdoor.intellij.FileTypeMappings;
import dev.trapdoor.intellij.LaunchRequest;
import dev.trapdoor.intellij.ReadyPattern;
import dev.trapdoor.intellij.ServerCommand;
import dev.trapdoor.intellij.TrapdoorHome;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One debug session: starts {@code trapdoor dap --port ${port} --no-warm-up} from the user's checkout, waits for its ready line,
 * and sends a launch built by the core model. The command, ready pattern and launch keys are the ones the core's
 * tests and the LSP4IJ-order integration test run against the real server.
 */
public final class TrapdoorDebugAdapterDescriptor extends DebugAdapterDescriptor {
    public TrapdoorDebugAdapterDescriptor(@NotNull RunConfigurationOptions options,
                                          @NotNull ExecutionEnvironment environment,
                                          @Nullable DebugAdapterServerDefinition serverDefinition) {
        super(options, environment, serverDefinition);
    }

    @Override
    public ProcessHandler startServer() throws ExecutionException {
        Path home = TrapdoorHome.find(System.getenv(), System.getProperty(TrapdoorHome.PROPERTY))
                .orElseThrow(() -> new ExecutionException(TrapdoorHome.howToSet()));
        ServerCommand command = ServerCommand.forCheckout(home, ServerCommand.Platform.current());
        // LSP4IJ replaces ${port} with a free port and remembers it for the connection.
        GeneralCommandLine commandLine = createStartServerCommandLine(command.commandLine());
        return startServer(commandLine);
    }

    @Override
    public @NotNull Map<String, Object> getDapParameters() {
        String file = ((FileOptionConfigurable) options).getFile();
        String folder = ((WorkingDirectoryConfigurable) options).getWorkingDirectory();
        LaunchRequest launch = new LaunchRequest("Debug " + file, file, List.of(),
                folder == null || folder.isBlank() ? null : folder, Map.of(), Map.of(), false, null);
        return launch.toJson();
    }

    @Override
    public @NotNull ServerReadyConfig getServerReadyConfig(@NotNull DebugMode debugMode) {
        return new ServerReadyConfig(ReadyPattern.TRAPDOOR.text());
    }

    @Override
    public @Nullable FileType getFileType() {
        return null; // Trapdoor debugs several languages: isDebuggableFile decides, by file name
    }

    @Override
    public boolean isDebuggableFile(@NotNull VirtualFile file, @NotNull Project project) {
        return FileTypeMappings.isDebuggable(file.getName());
    }
}
