package io.penguinmails.content.rest;

import io.penguinmails.content.MessageFilter;
import io.penguinmails.content.MessageSummary;
import io.penguinmails.content.repository.MessageQueryRepository;
import io.penguinmails.content.repository.TenantScope;
import io.penguinmails.content.security.CurrentTenant;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Lists and searches the caller's tenant's messages, newest first, one keyset page at a time. */
@Path("/v1/messages")
@Authenticated
public class MessageListResource {

    private final MessageQueryRepository queries;
    private final TenantScope scope;
    private final CurrentTenant tenant;

    MessageListResource(MessageQueryRepository queries, TenantScope scope, CurrentTenant tenant) {
        this.queries = queries;
        this.scope = scope;
        this.tenant = tenant;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Messages matching filters and full-text search, newest first",
            description = "Filters: email_account_id, campaign_id, lead_id, direction, message_type, status,"
                    + " since/until (ISO instant or date, on received_at; until exclusive),"
                    + " from, to (addresses, case-insensitive), q (words over subject and text). Pass next_cursor"
                    + " back as cursor for the next page; limit 1..200, default 50.")
    public MessagePage list(@BeanParam MessageListParams params) {
        MessageFilter filter = params.toFilter(tenant.id());
        List<MessageSummary> items = filter.query() == null && filter.toAddress() == null
                ? scope.call(filter.tenantId(), () -> queries.list(filter))
                : scope.readFilteringItself(filter.tenantId(), () -> queries.list(filter));
        return new MessagePage(items, nextCursor(items, filter.limit()));
    }

    private static String nextCursor(List<MessageSummary> items, int limit) {
        if (items.size() < limit) {
            return null;
        }
        MessageSummary last = items.get(items.size() - 1);
        return PageCursor.encode(new MessageFilter.Position(last.receivedAt(), last.storageKey()));
    }
}
