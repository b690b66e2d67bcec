package io.smartcloudops.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class WrkOutputTest {
    static final String OUTPUT = """
            Running 20s test @ http://127.0.0.1:41234/status
              2 threads and 16 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     1.21ms  512.33us  12.10ms   91.20%
                Req/Sec   250.10     20.11   300.00     70.00%
              Latency Distribution
                 50%  850.00us
                 75%    1.35ms
                 90%    1.70ms
                 99%    3.20ms
              9990 requests in 20.00s, 5.12MB read
              Socket errors: connect 0, read 1, write 0, timeout 2
              Non-2xx or 3xx responses: 7
            Requests/sec:    499.50
            Transfer/sec:    262.14KB
            WRK_JSON {"requests":9990,"duration_us":20000000,"connect":0,"read":1,"write":0,"status":7,"timeout":2,"mean_us":1210.5,"max_us":12100,"p50_us":850,"p90_us":1700,"p99_us":3200,"p999_us":9000}
            """;

    private final WrkOutput parser = new WrkOutput();

    @Test
    void readsPercentilesAndErrorsFromTheDoneLine() throws IOException {
        WrkResult r = parser.parse("GET /status", 500, OUTPUT);

        assertThat(r.requests()).isEqualTo(9990);
        assertThat(r.durationSeconds()).isEqualTo(20.0);
        assertThat(r.achievedRate()).isCloseTo(499.5, within(1e-9));
        assertThat(r.p50Ms()).isEqualTo(0.85);
        assertThat(r.p90Ms()).isEqualTo(1.7);
        assertThat(r.p99Ms()).isEqualTo(3.2);
        assertThat(r.p999Ms()).isEqualTo(9.0);
        assertThat(r.maxMs()).isEqualTo(12.1);
        assertThat(r.meanMs()).isCloseTo(1.2105, within(1e-9));
        assertThat(r.socketErrors()).isEqualTo(3);
        assertThat(r.statusErrors()).isEqualTo(7);
        assertThat(r.errors()).isEqualTo(10);
        assertThat(r.targetRate()).isEqualTo(500);
    }

    @Test
    void keepsWrksOwnLatencyDistributionInMilliseconds() throws IOException {
        WrkResult r = parser.parse("GET /status", 500, OUTPUT);

        assertThat(r.distribution())
                .containsEntry("50%", 0.85)
                .containsEntry("75%", 1.35)
                .containsEntry("90%", 1.7)
                .containsEntry("99%", 3.2)
                .hasSize(4);
    }

    @Test
    void readsSecondsInTheDistribution() throws IOException {
        String slow = """
              Latency Distribution
                 50%    1.50s
                 99%    2.00s
            WRK_JSON {"requests":10,"duration_us":1000000,"connect":0,"read":0,"write":0,"status":0,"timeout":0,"mean_us":1500000,"max_us":2000000,"p50_us":1500000,"p90_us":1900000,"p99_us":2000000,"p999_us":2000000}
            """;

        assertThat(parser.parse("POST /query", 50, slow).distribution())
                .containsEntry("50%", 1500.0)
                .containsEntry("99%", 2000.0);
    }

    @Test
    void refusesOutputWithoutTheDoneLine() {
        assertThatThrownBy(() -> parser.parse("GET /status", 500, "Running 20s test @ http://127.0.0.1:1/status\n"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("WRK_JSON");
    }
}
