package io.penguinmails.content.service;

import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import io.penguinmails.content.config.CompressionConfig;
import io.penguinmails.content.repository.DictionaryRepository;
import io.penguinmails.content.repository.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-tenant zstd dictionaries in memory, digested once: each tenant's newest for compressing (re-read after
 * {@code cache-seconds}, so replicas pick up a dictionary another one trained), and any version by id for
 * decompressing (dictionaries never change, so those are kept).
 */
@ApplicationScoped
public class CompressionDictionaries {

    private final DictionaryRepository repository;
    private final TenantScope scope;
    private final CompressionConfig config;
    private final Map<UUID, Current> current = new ConcurrentHashMap<>();
    private final Map<Long, ZstdDictDecompress> decompressors = new ConcurrentHashMap<>();

    CompressionDictionaries(DictionaryRepository repository, TenantScope scope, CompressionConfig config) {
        this.repository = repository;
        this.scope = scope;
        this.config = config;
    }

    /** The tenant's newest dictionary, ready to compress with; empty while it has none. */
    public Optional<Compressing> newest(UUID tenantId) {
        Current cached = current.get(tenantId);
        if (cached == null || cached.loadedAt() < System.nanoTime() - config.cacheSeconds() * 1_000_000_000L) {
            cached = new Current(load(tenantId), System.nanoTime());
            current.put(tenantId, cached);
        }
        return cached.dictionary();
    }

    /**
     * The decompressor of a dictionary a stored row names. Must be called in a transaction scoped to the row's
     * tenant: the dictionary is read under the same row-level security as the row.
     */
    public ZstdDictDecompress decompressor(long dictionaryId) {
        return decompressors.computeIfAbsent(dictionaryId, id -> repository
                .byId(id)
                .map(d -> new ZstdDictDecompress(d.bytes()))
                .orElseThrow(() -> new IllegalStateException("dictionary " + id + " is not readable")));
    }

    /** Forgets what is cached about a tenant's newest dictionary, after a new one was trained. */
    public void forget(UUID tenantId) {
        current.remove(tenantId);
    }

    private Optional<Compressing> load(UUID tenantId) {
        return scope.call(tenantId, () -> repository.latest(tenantId))
                .map(d -> new Compressing(d.id(), d.version(), new ZstdDictCompress(d.bytes(), config.level())));
    }

    /** A dictionary digested for compression at the configured level. */
    public record Compressing(long id, int version, ZstdDictCompress dictionary) {}

    private record Current(Optional<Compressing> dictionary, long loadedAt) {}
}
