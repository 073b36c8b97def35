package io.accelmon.node.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.core.attribution.PasswdUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class UsersTest {

    static final IntFunction<String> USERS = passwd("""
            root:x:0:0:root:/root:/bin/bash
            # comment
            alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash
            bob:x:1001:1001::/home/bob:/bin/sh
            +::::::
            """)::name;

    private static PasswdUsers passwd(String text) {
        try {
            Path file = Files.createTempFile("passwd", "");
            file.toFile().deleteOnExit();
            Files.writeString(file, text);
            return new PasswdUsers(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void statAndStatusGiveCpuRssAndRealUid() {
        String stat = "26936 (my (odd) cmd) R 26926 26926 5227 0 -1 4194304 101 0 0 0 250 70 0 0 20 0 1 0 85630 "
                + "3133440 378 18446744073709551615 94604907819008 0";
        String status = "Name:\tcat\nUid:\t1000\t0\t0\t0\nGid:\t0\t0\t0\t0\nVmRSS:\t    2132 kB\n";
        assertThat(ProcessSample.parse(26936, stat, status))
                .isEqualTo(new ProcessSample(26936, 85630, 1000, 320, 2132 * 1024));
    }

    @Test
    void kernelThreadsHaveNoRss() {
        String stat = "2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 3 0 0 20 0 1 0 1 0 0 18446744073709551615 0";
        assertThat(ProcessSample.parse(2, stat, "Name:\tkthreadd\nUid:\t0\t0\t0\t0\n").residentBytes()).isZero();
    }

    @Test
    void cpuCounterStaysMonotonicWhenProcessesExitAndPidsAreReused() {
        UserCpuLedger ledger = new UserCpuLedger();
        Map<String, Long> t1 = ledger.update(List.of(
                new ProcessSample(10, 500, 1000, 300, 0),
                new ProcessSample(11, 600, 1000, 200, 0),
                new ProcessSample(12, 700, 1001, 50, 0)), USERS);
        assertThat(t1).containsEntry("alice", 500L).containsEntry("bob", 50L);

        // pid 11 exited; pid 10 used 100 more ticks
        Map<String, Long> t2 = ledger.update(List.of(
                new ProcessSample(10, 500, 1000, 400, 0),
                new ProcessSample(12, 700, 1001, 50, 0)), USERS);
        assertThat(t2).containsEntry("alice", 600L).containsEntry("bob", 50L);

        // every alice process gone; pid 11 reused by a new bob process (other start time) with 7 ticks
        Map<String, Long> t3 = ledger.update(List.of(
                new ProcessSample(11, 900, 1001, 7, 0),
                new ProcessSample(12, 700, 1001, 60, 0)), USERS);
        assertThat(t3).containsEntry("alice", 600L).containsEntry("bob", 67L);

        for (String user : List.of("alice", "bob")) {
            assertThat(List.of(t1.get(user), t2.get(user), t3.get(user))).isSorted();
        }
    }

    @Test
    void unknownUidIsReportedAsNumber() {
        assertThat(new UserCpuLedger().update(List.of(new ProcessSample(1, 1, 4242, 3, 0)), USERS))
                .containsEntry("4242", 3L);
    }

    @Test
    void passwdMapsUidsToNamesSkippingCommentsAndNisLines() {
        assertThat(List.of(USERS.apply(0), USERS.apply(1000), USERS.apply(1001), USERS.apply(4242)))
                .containsExactly("root", "alice", "bob", "4242");
    }

    @Test
    void processTableOfThisMachineHoldsThisJvm() throws Exception {
        var samples = new ProcessTable(io.accelmon.node.source.ProcFiles.host()).read();
        long self = ProcessHandle.current().pid();
        assertThat(samples).anySatisfy(p -> {
            assertThat(p.pid()).isEqualTo(self);
            assertThat(p.residentBytes()).isPositive();
            assertThat(p.cpuTicks()).isPositive();
        });
    }
}
