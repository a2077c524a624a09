package io.penguinmails.content.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How stored mail is compressed, and when per-tenant zstd dictionaries are trained. */
@ConfigMapping(prefix = "penguin.content.compression")
public interface CompressionConfig {

    /** zstd level: 3 is zstd's default balance; higher levels saved nothing measurable on mail (benchmarks.md). */
    @WithDefault("3")
    int level();

    /** Values shorter than this are stored as they are: a zstd frame's own overhead would eat what it saves. */
    @WithDefault("64")
    int minCompressBytes();

    /** How often the trainer looks for tenants due a dictionary (a Quarkus scheduler interval, or {@code off}). */
    @WithDefault("5m")
    String trainEvery();

    /** Stored messages a tenant needs before its first dictionary: fewer say too little about its mail. */
    @WithDefault("200")
    int minSamples();

    /** New messages since the tenant's last dictionary after which it is trained again on recent mail. */
    @WithDefault("50000")
    int retrainAfter();

    /** The tenant's most recent messages a dictionary is trained on. */
    @WithDefault("2000")
    int sampleMessages();

    /** Dictionary size in bytes: 64 KB holds a tenant's templates and boilerplate, and loads in microseconds. */
    @WithDefault("65536")
    int dictionaryBytes();

    /** Seconds a replica trusts its cached idea of a tenant's newest dictionary before asking the database again. */
    @WithDefault("60")
    int cacheSeconds();

    /**
     * How long a dictionary is kept after a newer version of its tenant's was trained, even when no stored row names
     * it any more: a replica goes on compressing with its cached newest dictionary for up to {@code cache-seconds}
     * after another replica trained a new one, so this must exceed that (plus the time a batch takes to commit).
     */
    @WithDefault("1h")
    Duration keepSuperseded();
}
