package io.penguinmails.ingest.service.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/** Messages stored one per file: a Maildir, a folder of {@code .eml} files, or one {@code .eml} file. */
final class FileListSource implements MessageSource {

    private final List<Keyed> files;
    private final long maxMessageBytes;
    private final String kind;
    private final long skipped;
    private int next;

    private FileListSource(List<Keyed> all, long maxMessageBytes, String resumeAfter, String kind) {
        this.files = all.stream()
                .filter(f -> resumeAfter == null || f.key().compareTo(resumeAfter) > 0)
                .toList();
        this.skipped = all.size() - files.size();
        this.maxMessageBytes = maxMessageBytes;
        this.kind = kind;
    }

    /**
     * The messages of a Maildir, in {@code cur/} and {@code new/} ({@code tmp/} holds deliveries in progress). Keyed by
     * the unique part of the file name, which stays when a mail client moves the file to {@code cur/} and adds flags.
     */
    static FileListSource maildir(Path dir, long maxMessageBytes, String resumeAfter) throws IOException {
        List<Keyed> files = Stream.concat(
                        regularFiles(dir.resolve("cur")).stream(), regularFiles(dir.resolve("new")).stream())
                .map(keyedBy(name -> name.contains(":") ? name.substring(0, name.indexOf(':')) : name))
                .sorted(Comparator.comparing(Keyed::key))
                .toList();
        return new FileListSource(files, maxMessageBytes, resumeAfter, "maildir");
    }

    /** The {@code .eml} files of a folder, by file name. */
    static FileListSource emlFolder(Path dir, long maxMessageBytes, String resumeAfter) throws IOException {
        List<Keyed> files = regularFiles(dir).stream()
                .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".eml"))
                .map(keyedBy(Function.identity()))
                .sorted(Comparator.comparing(Keyed::key))
                .toList();
        return new FileListSource(files, maxMessageBytes, resumeAfter, "eml");
    }

    /** One {@code .eml} file. */
    static FileListSource emlFile(Path file, long maxMessageBytes, String resumeAfter) {
        List<Keyed> files = Stream.of(file).map(keyedBy(Function.identity())).toList();
        return new FileListSource(files, maxMessageBytes, resumeAfter, "eml");
    }

    @Override
    public Entry next() throws IOException {
        if (next >= files.size()) {
            return null;
        }
        Keyed file = files.get(next++);
        long size = Files.size(file.path());
        byte[] raw = size > maxMessageBytes ? null : Files.readAllBytes(file.path());
        return new Entry(file.key(), raw, size);
    }

    @Override
    public double progress() {
        return files.isEmpty() ? 1.0 : (double) next / files.size();
    }

    @Override
    public long skipped() {
        return skipped;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public void close() {
        // Files are opened and closed one at a time in next().
    }

    /** Visible files of a folder; a missing folder (a Maildir without new/) has none. */
    private static List<Path> regularFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .toList();
        }
    }

    private static Function<Path, Keyed> keyedBy(Function<String, String> key) {
        return path -> new Keyed(key.apply(path.getFileName().toString()), path);
    }

    private record Keyed(String key, Path path) {}
}
