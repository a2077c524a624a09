package io.penguinmails.campaign.service.lead;

import io.penguinmails.campaign.repository.LeadImportRepository;
import io.penguinmails.campaign.repository.LeadRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;

/**
 * Accepts lead CSV imports: checks the header and the column mapping at once (so a hopeless file is refused before it
 * is queued), creates the list when missing and queues the body for {@link LeadImportWorker}.
 */
@ApplicationScoped
public class LeadImportService {

    private final LeadRepository leads;
    private final LeadImportRepository imports;

    LeadImportService(LeadRepository leads, LeadImportRepository imports) {
        this.leads = leads;
        this.imports = imports;
    }

    /**
     * Queues an import.
     *
     * @param mapping CSV column name to lead field ({@code email}, {@code first_name}, ..., a custom key or {@code
     *     ignore})
     * @throws IllegalArgumentException when the body has no usable header or the mapping does not fit it
     */
    @Transactional
    public UUID submit(UUID tenantId, String listName, Map<String, String> mapping, byte[] body) {
        CsvLeadReader.checkHeader(body, mapping);
        UUID listId = leads.ensureList(tenantId, listName);
        return imports.insert(tenantId, listId, mapping, body);
    }
}
