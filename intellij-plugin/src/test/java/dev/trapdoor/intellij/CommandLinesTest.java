package dev.trapdoor.intellij;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CommandLinesTest {
    @Test
    void plainArgumentsAreJoinedWithSpaces() {
        assertEquals("/opt/trapdoor/bin/trapdoor dap --port ${port}",
                CommandLines.join(List.of("/opt/trapdoor/bin/trapdoor", "dap", "--port", "${port}")));
    }

    @Test
    void argumentsWithSpacesQuotesOrNothingRoundTrip() {
        List<String> argv = List.of("/home/me/My Projects/trapdoor/bin/trapdoor", "say \"hi\"", "", "dap");
        String line = CommandLines.join(argv);
        assertEquals("\"/home/me/My Projects/trapdoor/bin/trapdoor\" \"say \\\"hi\\\"\" \"\" dap", line);
        assertEquals(argv, CommandLines.split(line));
    }

    @Test
    void splitReadsWhatAPersonTypes() {
        assertEquals(List.of("java", "-jar", "C:\\Program Files\\t.jar", "dap"),
                CommandLines.split("  java   -jar \"C:\\Program Files\\t.jar\"\tdap "));
        assertThrows(IllegalArgumentException.class, () -> CommandLines.split("\"unclosed"));
    }
}
