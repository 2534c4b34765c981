package org.mmkgrec.service.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Every failure of a command ends in one line and a non-zero exit code; the stack trace only on request. */
class MmkgCliTest {
    @TempDir
    Path dir;

    final StringWriter err = new StringWriter();

    int run(CommandLine cli, String... args) {
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return MmkgCli.execute(cli, args);
    }

    /** A command that fails with whatever it is given. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        final Throwable failure;

        @Option(names = "--verbose")
        boolean verbose;

        Boom(Throwable failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws Exception {
            if (failure instanceof Error e) {
                throw e;
            }
            throw (Exception) failure;
        }
    }

    int boom(Throwable failure, String... args) {
        return run(MmkgCli.configure(new CommandLine(new Boom(failure))), args);
    }

    @Test
    void aFailureIsOneLineWithExitCode1() {
        assertThat(boom(new IllegalStateException("toy.inter:3: field `rating`: not a finite number"))).isEqualTo(1);
        assertThat(err.toString()).isEqualToIgnoringNewLines("mmkg boom: toy.inter:3: field `rating`: not a finite number")
                .doesNotContain("\tat ");
    }

    @Test
    void anExceptionWithoutMessageIsNamedNotPrintedAsNull() {
        assertThat(boom(new NullPointerException())).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("mmkg boom: internal error java.lang.NullPointerException at ")
                .endsWith("(run with --verbose for the stack trace)").doesNotContain("\n");
    }

    @Test
    void outOfMemoryIsOneLineToo() {
        // picocli lets Errors through: MmkgCli.execute catches them
        assertThat(boom(new OutOfMemoryError("Java heap space"))).isEqualTo(1);
        assertThat(err.toString().strip()).contains("out of memory; raise -Xmx").doesNotContain("\n");
    }

    @Test
    void verbosePrintsTheStackTrace() {
        assertThat(boom(new IllegalStateException("bad"), "--verbose")).isEqualTo(1);
        assertThat(err.toString()).startsWith("mmkg boom: bad").contains("\tat ");
    }

    @Test
    void nanAndInfinityAreRefusedAsOptionValues() {
        for (String value : new String[] {"NaN", "Infinity", "-Infinity"}) {
            err.getBuffer().setLength(0);
            assertThat(run(MmkgCli.commandLine(), "load", "--rating-threshold", value, "--data", dir.toString()))
                    .as(value).isEqualTo(2);
            assertThat(err.toString()).as(value).contains("--rating-threshold").contains("not a finite number");
        }
    }

    @Test
    void aBadFileFailsTheLoadInOneLineNamingFileLineAndField() throws IOException {
        Path source = Files.createDirectories(dir.resolve("toy"));
        Files.writeString(source.resolve("toy.inter"), "user_id:token\titem_id:token\trating:float\na\t1\t5\na\t2\tNaN\n");
        int code = run(MmkgCli.commandLine(), "load", "--source", source.toString(), "--data", dir.resolve("data").toString(),
                "--pagecache", "32m", "--no-text-vectors", "-q");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("mmkg load: ").contains("toy.inter:3: field `rating`: not a finite number")
                .doesNotContain("\n");
    }

    @Test
    void theTagProtocolRefusesWhatItCannotEvaluateBeforeLoading() throws IOException {
        Path source = Files.createDirectories(dir.resolve("toy"));
        Files.writeString(source.resolve("toy.inter"), "user_id:token\titem_id:token\trating:float\na\t1\t5\n");
        int code = run(MmkgCli.commandLine(), "evaluate", "--protocol", "tags", "--data", source.toString(),
                "--work", dir.resolve("work").toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("the tags protocol needs tag posts").contains("RecBole atomic files");
        err.getBuffer().setLength(0);
        code = run(MmkgCli.commandLine(), "evaluate", "--protocol", "tags", "--model", "pitf,bprmf", "--data", source.toString(),
                "--work", dir.resolve("work").toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("unknown tag model `bprmf`").contains("uhman");
        assertThat(dir.resolve("work")).doesNotExist();
    }

    @Test
    void theNextItemProtocolRunsOnTimestampedRatingsAndRefusesUnknownModelsFirst() throws IOException {
        Path source = Files.createDirectories(dir.resolve("seq"));
        // a: 1, 2, 3, 4 by time (4 is the test item, 3 the validation item); b: 2, 3, 1; c: 1, 2 (training only)
        Files.writeString(source.resolve("seq.inter"), "user_id:token\titem_id:token\trating:float\ttimestamp:float\n"
                + "a\t4\t5\t40\na\t1\t4\t10\na\t3\t2\t30\na\t2\t5\t20\nb\t2\t3\t1\nb\t3\t5\t2\nb\t1\t1\t3\n"
                + "c\t1\t5\t1\nc\t2\t5\t2\n");
        Path work = dir.resolve("work");
        int code = run(MmkgCli.commandLine(), "evaluate", "--protocol", "next", "--model", "pop,bprmf", "--data", source.toString(),
                "--work", work.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("unknown next-item model `bprmf`").contains("valid names: [pop]");
        assertThat(work).doesNotExist();
        code = run(MmkgCli.commandLine(), "evaluate", "--protocol", "next", "--model", "pop", "--data", source.toString(),
                "--work", work.toString());
        assertThat(code).as(err.toString()).isZero();
        String report = Files.readString(work.resolve("report-seq-next.json"));
        assertThat(report).contains("\"protocol\" : \"next\"").contains("\"testPairs\" : 2");
        // pop counts the training parts {1, 2}, {2} and c's {1, 2}: a's test item 4 ranks 1st of what a has
        // not had (only 4 is left); b's test item 1 ranks 1st of {1, 4} (count 2 against 0)
        assertThat(report).contains("\"recall@10\" : 1.0");
    }

    @Test
    void generateRefusesBadCountsInOneLineAndRecordsTheCountsItWrote() throws IOException {
        // 0.01 x Last.FM has 56 other entities, too few for 60 relations: the option is named
        int code = run(MmkgCli.commandLine(), "generate", "--out", dir.resolve("g").toString(), "--scale", "0.01");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("mmkg generate: `entities` must exceed `items` by at least `relations`")
                .doesNotContain("\n");

        // explicit counts override the scaled ones; the command in GENERATED.md spells every count out
        err.getBuffer().setLength(0);
        code = run(MmkgCli.commandLine(), "generate", "--out", dir.resolve("g").toString(), "--scale", "0.01",
                "--relations", "3", "--users", "40", "--seed", "5", "--quiet");
        assertThat(code).as(err.toString()).isZero();
        assertThat(Files.readString(dir.resolve("g/GENERATED.md")))
                .contains("--users 40 --items 38 --entities 94 --triples 155 --relations 3 ")
                .contains("--seed 5").contains("`--scale 0.01`");
        assertThat(Files.readAllLines(dir.resolve("g/ratings_final.txt"))).hasSize(2 * 452); // round(40 x 11.31) positives

        // the same output again needs --force
        err.getBuffer().setLength(0);
        assertThat(run(MmkgCli.commandLine(), "generate", "--out", dir.resolve("g").toString(), "--scale", "0.01",
                "--relations", "3")).isEqualTo(1);
        assertThat(err.toString()).contains("is not empty").contains("--force");
    }
}
