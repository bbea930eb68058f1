package dev.trapdoor.intellij;

import dev.trapdoor.dap.source.SourceVariablesProvider;
import dev.trapdoor.dap.transport.TcpServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadyPatternTest {
    @Test
    void readsTheAddressAndPortOfTheServersOwnLine() throws Exception {
        try (TcpServer server = TcpServer.start("127.0.0.1", 0, Path.of("."), SourceVariablesProvider.NONE,
                () -> null)) {
            Optional<ReadyPattern.Address> a = ReadyPattern.TRAPDOOR.match(server.listeningLine());
            assertEquals(Optional.of(new ReadyPattern.Address("127.0.0.1", server.address().getPort())), a);
        }
    }

    @Test
    void likeLsp4ijItOnlyMatchesAtTheStartOfALine() {
        assertTrue(ReadyPattern.TRAPDOOR.match("trapdoor: listening on 127.0.0.1:4711").isEmpty());
        assertTrue(ReadyPattern.TRAPDOOR.match("listening on 127.0.0.1:").isEmpty());
        assertTrue(ReadyPattern.TRAPDOOR.match("Listening on 127.0.0.1:4711").isEmpty());
        assertEquals(Optional.of(new ReadyPattern.Address("localhost", 80)),
                ReadyPattern.TRAPDOOR.match("listening on localhost:80 (trailing text)"));
    }

    @Test
    void aPatternWithoutAnAddressMeansLoopbackAndOneWithoutAPortIsUseless() {
        assertEquals(Optional.of(new ReadyPattern.Address("127.0.0.1", 9)),
                new ReadyPattern("port=${port}.").match("port=9."));
        assertThrows(IllegalArgumentException.class, () -> new ReadyPattern("ready at ${address}"));
        assertTrue(new ReadyPattern("p ${port}").match("p 99999999999").isEmpty(), "not an int: no port");
    }
}
