package io.accelmon.provisioning.e2e;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** A throw-away system user ({@code useradd -M -r -s /usr/sbin/nologin}), deleted on close. Needs root. */
public final class SystemUser implements AutoCloseable {

    private final String name;

    private SystemUser(String name) {
        this.name = name;
    }

    public static boolean canCreate() {
        return "root".equals(System.getProperty("user.name"))
                && new java.io.File("/usr/sbin/useradd").canExecute() && new java.io.File("/usr/bin/setpriv").canExecute();
    }

    /**
     * Creates {@code <prefix><5 random digits>} with a uid that no account and no running process has. useradd's own
     * choice (the highest free system uid, often 999) can be the uid of processes from containers sharing this
     * kernel, whose /etc/passwd differs: their CPU would be counted for the test's user.
     */
    public static SystemUser create(String prefix) throws IOException, InterruptedException {
        String name = prefix + ThreadLocalRandom.current().nextInt(10_000, 100_000);
        int uid = unusedUid();
        run(List.of("/usr/sbin/useradd", "-M", "-r", "-u", Integer.toString(uid), "-s", "/usr/sbin/nologin", name));
        return new SystemUser(name);
    }

    private static int unusedUid() throws IOException {
        Set<Integer> taken = new HashSet<>();
        for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
            String[] f = line.split(":");
            if (f.length > 2 && f[2].matches("\\d+")) {
                taken.add(Integer.parseInt(f[2]));
            }
        }
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try {
                    for (String line : Files.readAllLines(p.resolve("status"))) {
                        if (line.startsWith("Uid:")) {
                            for (String id : line.substring(4).trim().split("\\s+")) {
                                taken.add(Integer.parseInt(id));
                            }
                        }
                    }
                } catch (IOException gone) {
                    // the process exited meanwhile
                }
            }
        }
        for (int tries = 0; tries < 1000; tries++) {
            int uid = ThreadLocalRandom.current().nextInt(61_000, 65_000);
            if (!taken.contains(uid)) {
                return uid;
            }
        }
        throw new IOException("no unused uid in 61000-64999");
    }

    public String name() {
        return name;
    }

    /** {@code setpriv} to this user's uid and gid, exec'ing {@code command} in place (the pid is the command's). */
    public List<String> as(List<String> command) {
        List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + name, "--regid=" + name,
                "--clear-groups"));
        cmd.addAll(command);
        return cmd;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of("/usr/sbin/userdel", name));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(command + " failed: " + new String(p.getInputStream().readAllBytes()));
        }
    }
}
