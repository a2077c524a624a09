package io.penguinmails.ingest.bench;

import io.penguinmails.ingest.Classification;
import io.penguinmails.ingest.ParsedMessage;
import io.penguinmails.ingest.service.MailClassifier;
import io.penguinmails.ingest.service.MessageParser;
import io.penguinmails.ingest.service.NotAMessageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the ingest pipeline's CPU work: MIME parse plus classification of one message, on one thread, so
 * the score is messages per second per core. The mix is every project sample under {@code src/test/resources/mail}
 * (including {@code mail/mime}) and, when {@code corpus.dir} names it, the shared corpus (bounces and MIME edge
 * cases). Each iteration also prints messages per CPU-second of the benchmark thread, which stays meaningful when
 * other processes share the cores. Not a test: run it by hand through {@code org.openjdk.jmh.Main} with the command in
 * {@code docs/benchmarks.md}; JMH hands {@code -Dcorpus.dir} on to its forked JVM.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class ParseClassifyBenchmark {

    private final MessageParser parser = new MessageParser();
    private final MailClassifier classifier = new MailClassifier();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private List<byte[]> mix;
    private int next;
    private long done;
    private long cpuAtStart;

    /** Loads the mix once, keeping only what the parser accepts as a message. */
    @Setup
    public void load() {
        List<byte[]> messages = new ArrayList<>();
        for (byte[] raw : rawMessages()) {
            try {
                parser.parse(raw);
                messages.add(raw);
            } catch (NotAMessageException e) {
                // Samples that are deliberately not mail say nothing about parse speed.
            }
        }
        mix = messages;
        System.out.printf(
                "%nmix: %d messages, %d bytes%n",
                mix.size(), mix.stream().mapToLong(m -> m.length).sum());
    }

    @Setup(Level.Iteration)
    public void startCpuClock() {
        done = 0;
        cpuAtStart = threads.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void reportCpuRate() {
        double seconds = (threads.getCurrentThreadCpuTime() - cpuAtStart) / 1e9;
        System.out.printf(" [%.0f messages per CPU-second]", done / seconds);
    }

    /** One message parsed and classified, taken round-robin from the mix. */
    @Benchmark
    public Classification parseAndClassify() {
        return classifier.classify(parser.parse(nextMessage()));
    }

    /** One message parsed only, to show what classification adds. */
    @Benchmark
    public ParsedMessage parseOnly() {
        return parser.parse(nextMessage());
    }

    private byte[] nextMessage() {
        done++;
        byte[] raw = mix.get(next);
        next = next + 1 == mix.size() ? 0 : next + 1;
        return raw;
    }

    private static List<byte[]> rawMessages() {
        List<Path> files = new ArrayList<>(files(samples()));
        String corpus = System.getProperty("corpus.dir", "");
        if (!corpus.isBlank()) {
            files.addAll(files(Path.of(corpus, "bounces", "eml")));
            files.addAll(files(Path.of(corpus, "mime")));
        }
        return files.stream().map(ParseClassifyBenchmark::read).toList();
    }

    private static Path samples() {
        try {
            return Path.of(ParseClassifyBenchmark.class.getResource("/mail").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every file under a folder, sorted so runs see the same order; none when the folder is missing. */
    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> !f.toString().endsWith(".bin"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
