package org.mmkgrec.e2e.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM on the test's own class path, running one of the crash mains ({@link ChildMain}), that
 * the test kills with SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook, no
 * {@code finally}, no store shutdown runs, exactly like {@code kill -9} or the OOM killer.
 *
 * <p>The child reports on stdout, one {@link ChildMain#PREFIX}ed line per event (the store is open,
 * a transaction committed, a write was acknowledged); everything else it prints (Neo4j's and the
 * JDK's logging) goes to a log file beside the store, which a failure message quotes.
 */
final class ChildJvm implements AutoCloseable {
    /** Exit code of a process ended by SIGKILL (128 + 9). */
    static final int SIGKILL_EXIT = 137;

    private final Process process;
    private final Path log;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final Thread reader;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.reader = new Thread(this::readEvents, "child-" + process.pid() + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code main} with {@code args}; its stderr goes to {@code log}. */
    static ChildJvm start(Class<?> main, Path log, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        // small and quick to start: the children write a few hundred records each
        command.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-Doffline=true", "-Dai.djl.offline=true"));
        // the module opens Neo4j needs, as the test JVM got them from the build
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) {
                command.add(arg);
            }
        }
        command.add(main.getName());
        command.addAll(List.of(args));
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
            return new ChildJvm(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child JVM for " + main.getName(), e);
        }
    }

    private void readEvents() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith(ChildMain.PREFIX)) {
                    events.add(line.substring(ChildMain.PREFIX.length()));
                }
            }
        } catch (IOException ended) {
            // the child was killed: its pipe is gone
        }
    }

    /**
     * The next event line that matches, with every line read on the way kept in {@link #seen()};
     * null when the child exits first. Fails after {@code timeout} with the child's log.
     */
    String await(Predicate<String> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                String line = events.poll(20, TimeUnit.MILLISECONDS);
                if (line != null) {
                    seen.add(line);
                    if (wanted.test(line)) {
                        return line;
                    }
                } else if (!reader.isAlive() && events.isEmpty()) {
                    // stdout is closed and drained: the child has ended
                    process.waitFor(30, TimeUnit.SECONDS);
                    if (process.isAlive() || process.exitValue() != 0) {
                        throw new AssertionError("child ended its output but "
                                + (process.isAlive() ? "is still running" : "exited with code " + process.exitValue())
                                + "\n" + logTail());
                    }
                    return null;
                } else if (System.nanoTime() > deadline) {
                    throw new AssertionError("no matching line from the child within " + timeout + "; last lines "
                            + seen.subList(Math.max(0, seen.size() - 5), seen.size()) + "\n" + logTail());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Every event line the child wrote, once it has ended (after {@link #kill}): what it wrote just
     * before the signal is still in the pipe and is read here too.
     */
    List<String> allEvents() {
        try {
            reader.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (reader.isAlive()) {
            throw new AssertionError("the child's output is still open 30 s after it was killed");
        }
        events.drainTo(seen);
        return seen;
    }

    /**
     * SIGKILL now; waits until the process is gone. Returns true when it was killed, false when it
     * had already finished on its own (exit code 0).
     */
    boolean kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("child " + process.pid() + " still alive 30 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        int code = process.exitValue();
        if (code != SIGKILL_EXIT && code != 0) {
            throw new AssertionError("child failed before the kill, exit code " + code + "\n" + logTail());
        }
        return code == SIGKILL_EXIT;
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "--- " + log + " (last 30 lines)\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
