package io.penguinmails.content.service;

import com.github.luben.zstd.ZstdDictTrainer;
import com.github.luben.zstd.ZstdException;
import io.penguinmails.content.config.CompressionConfig;
import io.penguinmails.content.repository.DictionaryRepository;
import io.penguinmails.content.repository.EncodedContent;
import io.penguinmails.content.repository.TenantScope;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Trains per-tenant zstd dictionaries off the write path: on a schedule, for every tenant with enough stored mail and
 * no dictionary yet, or enough new mail since its last one, on the decoded content of its most recent messages. A
 * new dictionary is the tenant's next version; rows written with an older one keep naming it and stay readable.
 */
@ApplicationScoped
public class DictionaryTrainer {

    private static final Logger LOG = Logger.getLogger(DictionaryTrainer.class);
    /** Only the start of a huge message goes into training: headers and templates are where the repetition is. */
    private static final int MAX_SAMPLE_BYTES = 32 * 1024;
    /** zstd's trainer fails on too few samples; below this a tenant waits for more mail. */
    private static final int MIN_TRAINING_SAMPLES = 20;

    private final DictionaryRepository repository;
    private final CompressionDictionaries dictionaries;
    private final ContentCodec codec;
    private final TenantScope scope;
    private final CompressionConfig config;

    DictionaryTrainer(
            DictionaryRepository repository,
            CompressionDictionaries dictionaries,
            ContentCodec codec,
            TenantScope scope,
            CompressionConfig config) {
        this.repository = repository;
        this.dictionaries = dictionaries;
        this.codec = codec;
        this.scope = scope;
        this.config = config;
    }

    @Scheduled(
            every = "${penguin.content.compression.train-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledTraining() {
        int trained = trainDue();
        if (trained > 0) {
            LOG.infof("trained compression dictionaries for %d tenants", trained);
        }
    }

    /** Trains a dictionary for every tenant due one; the number trained. */
    public int trainDue() {
        List<UUID> due = scope.asSystem(
                "finding the tenants due a dictionary reads every tenant's counters",
                () -> repository.tenantsDue(config.minSamples(), config.retrainAfter()));
        int trained = 0;
        for (UUID tenantId : due) {
            if (train(tenantId).isPresent()) {
                trained++;
            }
        }
        return trained;
    }

    /** Trains the tenant's next dictionary version now; its id, or empty when there is too little mail. */
    public Optional<Long> train(UUID tenantId) {
        Samples samples = scope.call(tenantId, () -> samples(tenantId));
        if (samples.values().size() < MIN_TRAINING_SAMPLES) {
            return Optional.empty();
        }
        byte[] dictionary;
        try {
            dictionary = trainOn(samples.values());
        } catch (ZstdException e) {
            LOG.warnf("dictionary training for tenant %s failed, will retry later: %s", tenantId, e.getMessage());
            return Optional.empty();
        }
        Optional<Long> id = scope.call(
                tenantId,
                () -> repository.insert(
                        tenantId,
                        samples.newestVersion() + 1,
                        dictionary,
                        samples.values().size(),
                        samples.messages()));
        dictionaries.forget(tenantId);
        return id;
    }

    private Samples samples(UUID tenantId) {
        long messages = repository.messageCount(tenantId);
        int newestVersion = repository
                .latest(tenantId)
                .map(DictionaryRepository.StoredDictionary::version)
                .orElse(0);
        List<byte[]> values = new ArrayList<>();
        for (EncodedContent content : repository.recentContent(tenantId, config.sampleMessages())) {
            byte[] raw = codec.decodeRaw(content);
            if (raw != null) {
                values.add(head(raw));
            }
            values.add(head(codec.decodeBodies(content).serialize()));
        }
        return new Samples(messages, newestVersion, values);
    }

    private byte[] trainOn(List<byte[]> values) {
        int total = values.stream().mapToInt(v -> v.length).sum();
        ZstdDictTrainer trainer = new ZstdDictTrainer(total, config.dictionaryBytes());
        values.forEach(trainer::addSample);
        return trainer.trainSamples();
    }

    private static byte[] head(byte[] value) {
        return value.length <= MAX_SAMPLE_BYTES ? value : Arrays.copyOf(value, MAX_SAMPLE_BYTES);
    }

    private record Samples(long messages, int newestVersion, List<byte[]> values) {}
}
