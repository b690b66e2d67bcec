package io.smartcloudops.server.examples;

import io.smartcloudops.server.Agent;
import io.smartcloudops.server.AgentConfig;
import io.smartcloudops.server.ServerConfig;
import java.nio.file.Path;

/**
 * The Javadoc examples of sco-server, compiled; {@link JavadocExamplesTest} checks that the Javadoc shows them as they
 * are here, and runs the configuration ones. The agent's opens the default port and data directory, so it only
 * compiles here; the agent tests start agents of their own.
 */
class ServerExamples {

    void agent() {
        // tag::Agent[]
        try (Agent agent = Agent.builder(AgentConfig.defaults()).build().start()) {
            System.out.println("listening on " + agent.port());
        }
        // end::Agent[]
    }

    ServerConfig serverConfig() {
        // tag::ServerConfig[]
        ServerConfig s = ServerConfig.defaults().toBuilder().port(0).build();
        // end::ServerConfig[]
        return s;
    }

    AgentConfig agentConfig() {
        // tag::AgentConfig[]
        AgentConfig c = AgentConfig.defaults().toBuilder()
                .port(0)
                .dataDir(Path.of("/tmp/sco"))
                .build();
        // end::AgentConfig[]
        return c;
    }
}
