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
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the ingest pipeline's CPU work: MIME parse plus classification of one message, on one thread, so the
 * score is messages per second per core. Each iteration also prints messages per CPU-second of the benchmark thread,
 * which stays meaningful when other processes share the cores. Not a test: run it by hand through {@code
 * org.openjdk.jmh.Main} with the command in {@code docs/benchmarks.md}; JMH hands {@code -Dcorpus.dir} on to its
 * forked JVM.
 *
 * <p>The messages are every project sample under {@code src/test/resources/mail} and, when {@code corpus.dir} names
 * it, the shared corpus (its real bounces and MIME edge cases, read in place). Each message is put in one {@link Kind}
 * by what it is (its parsed structure and its classification), and the {@code mix} parameter chooses what is
 * measured:
 *
 * <ul>
 *   <li>{@code realistic}: what an outreach mailbox receives, in the proportions of {@link Kind#share}: mostly
 *       people's plain-text replies, then HTML mail, bounces and complaints, auto-replies, mail with attachments;
 *   <li>{@code bounces}: only bounces and complaints, the heaviest work for the classifier;
 *   <li>{@code all}: every message once, whatever its kind (the mix of the first measurements).
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class ParseClassifyBenchmark {

    /** The kinds of inbound mail, with their share (in percent) of the realistic mix. */
    enum Kind {
        /** A person's mail without HTML or attachments: replies to a campaign, mostly. */
        PLAIN_REPLY(50),
        /** Mail with an HTML body and no attachment: newsletters, HTML-formatted replies. */
        HTML(15),
        /** A bounce (delivery-status report or not) or a complaint. */
        BOUNCE(15),
        /** An automatic reply: out of office, ticket acknowledgements. */
        AUTO_REPLY(10),
        /** A person's mail with files attached (or inline images, calendar invitations, TNEF). */
        ATTACHMENT(10);

        final int share;

        Kind(int share) {
            this.share = share;
        }
    }

    /** Messages in one pass of the realistic mix; large enough that each kind's messages all come round. */
    private static final int REALISTIC_LENGTH = 2000;

    @Param({"realistic", "bounces", "all"})
    public String mix;

    private final MessageParser parser = new MessageParser();
    private final MailClassifier classifier = new MailClassifier();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private List<byte[]> messages;
    private int next;
    private long done;
    private long cpuAtStart;

    /** Sorts the messages into kinds once, keeping only what the parser accepts as a message, and builds the mix. */
    @Setup
    public void load() {
        Map<Kind, List<byte[]>> byKind = new EnumMap<>(Kind.class);
        List<byte[]> all = new ArrayList<>();
        for (byte[] raw : rawMessages()) {
            kind(raw).ifPresent(kind -> {
                byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(raw);
                all.add(raw);
            });
        }
        messages = switch (mix) {
            case "realistic" -> realistic(byKind);
            case "bounces" -> byKind.getOrDefault(Kind.BOUNCE, List.of());
            case "all" -> all;
            default -> throw new IllegalArgumentException("unknown mix " + mix);
        };
        System.out.printf("%nmix %s: %d messages, %d bytes; distinct messages by kind:", mix, messages.size(), bytes());
        byKind.forEach((kind, list) -> System.out.printf(" %s %d", kind, list.size()));
        System.out.println();
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

    /** One message parsed and classified, taken in turn from the mix. */
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
        byte[] raw = messages.get(next);
        next = next + 1 == messages.size() ? 0 : next + 1;
        return raw;
    }

    private long bytes() {
        return messages.stream().mapToLong(m -> m.length).sum();
    }

    /** The kind of a message; empty for samples that are deliberately not mail. */
    private Optional<Kind> kind(byte[] raw) {
        ParsedMessage parsed;
        try {
            parsed = parser.parse(raw);
        } catch (NotAMessageException e) {
            return Optional.empty();
        }
        String type = classifier.classify(parsed).messageType();
        if (type.equals("bounce") || type.equals("complaint")) {
            return Optional.of(Kind.BOUNCE);
        }
        if (type.equals("auto_reply")) {
            return Optional.of(Kind.AUTO_REPLY);
        }
        if (!parsed.attachments().isEmpty()) {
            return Optional.of(Kind.ATTACHMENT);
        }
        return Optional.of(parsed.html() != null ? Kind.HTML : Kind.PLAIN_REPLY);
    }

    /**
     * Each kind takes its share of the slots, cycling through its messages, and the slots are shuffled with a fixed
     * seed so that every run sees the same order and no kind comes in long runs.
     */
    private static List<byte[]> realistic(Map<Kind, List<byte[]>> byKind) {
        List<byte[]> slots = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            List<byte[]> ofKind = byKind.get(kind);
            if (ofKind == null) {
                throw new IllegalStateException("no sample of kind " + kind);
            }
            int count = REALISTIC_LENGTH * kind.share / 100;
            for (int i = 0; i < count; i++) {
                slots.add(ofKind.get(i % ofKind.size()));
            }
        }
        Collections.shuffle(slots, new Random(42));
        return slots;
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

    /** Every {@code .eml} file under a folder, sorted so runs see the same order; none when the folder is missing. */
    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".eml"))
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
