package io.penguinmails.content.rest;

import io.penguinmails.content.MessageSummary;
import io.penguinmails.content.StoredAttachment;
import io.penguinmails.content.StoredMessage;
import io.penguinmails.content.mapping.MessageViewMapper;
import io.penguinmails.content.repository.EncodedContent;
import io.penguinmails.content.repository.MessageQueryRepository;
import io.penguinmails.content.repository.MessageRepository;
import io.penguinmails.content.repository.TenantScope;
import io.penguinmails.content.security.CurrentTenant;
import io.penguinmails.content.service.ContentCodec;
import io.penguinmails.contracts.StorageKeys;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Reads stored messages of the caller's tenant. A key of another tenant is answered exactly like an unknown key:
 * 404, nothing about its existence leaks. Every read runs in a transaction under the tenant's row-level security, which
 * is also where stored content is decoded (a row's dictionary is read under the same scope as the row).
 */
@Path("/v1/messages/{storage_key}")
@Authenticated
public class MessageResource {

    private final MessageRepository messages;
    private final MessageQueryRepository queries;
    private final MessageViewMapper mapper;
    private final ContentCodec codec;
    private final TenantScope scope;
    private final CurrentTenant tenant;

    MessageResource(
            MessageRepository messages,
            MessageQueryRepository queries,
            MessageViewMapper mapper,
            ContentCodec codec,
            TenantScope scope,
            CurrentTenant tenant) {
        this.messages = messages;
        this.queries = queries;
        this.mapper = mapper;
        this.codec = codec;
        this.scope = scope;
        this.tenant = tenant;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A stored message: metadata, text, html, headers and attachment list")
    public MessageView get(@PathParam("storage_key") String storageKey) {
        UUID tenantId = tenant.id();
        return scope.call(tenantId, () -> messages.find(tenantId, valid(storageKey))
                        .map(found -> mapper.toView(decoded(found), messages.attachments(tenantId, storageKey))))
                .orElseThrow(MessageResource::notFound);
    }

    @GET
    @Path("/attachments/{id}")
    @Operation(summary = "The bytes of one attachment, with its type and file name")
    public Response attachment(@PathParam("storage_key") String storageKey, @PathParam("id") String id) {
        UUID tenantId = tenant.id();
        UUID attachmentId = uuid(id);
        StoredAttachment meta = scope.call(tenantId, () -> messages.attachments(tenantId, valid(storageKey))).stream()
                .filter(a -> a.id().equals(attachmentId))
                .findFirst()
                .orElseThrow(MessageResource::notFound);
        byte[] bytes = scope.call(tenantId, () -> messages.attachmentBytes(tenantId, storageKey, attachmentId))
                .orElseThrow(MessageResource::notFound);
        return Response.ok(bytes, meta.mimeType())
                .header("Content-Disposition", disposition(meta.filename()))
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @GET
    @Path("/thread")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The conversation of a message by Message-ID, In-Reply-To and References, oldest first")
    public List<MessageSummary> thread(@PathParam("storage_key") String storageKey) {
        UUID tenantId = tenant.id();
        List<MessageSummary> thread =
                scope.readFilteringItself(tenantId, () -> queries.thread(tenantId, valid(storageKey)));
        if (thread.isEmpty()) {
            throw notFound();
        }
        return thread;
    }

    @GET
    @Path("/raw")
    @Produces("message/rfc822")
    @Operation(
            summary = "The original message, byte for byte",
            description = "404 for outbound campaign mail: it is stored as rendered text/html, never as raw bytes")
    public Response raw(@PathParam("storage_key") String storageKey) {
        UUID tenantId = tenant.id();
        Optional<byte[]> raw = scope.call(tenantId, () -> messages.content(tenantId, valid(storageKey))
                        .map(this::rawOrEmpty))
                .orElseThrow(MessageResource::notFound);
        // Rebuilding a message from its bodies would not be the bytes that were sent; saying so is honest.
        return Response.ok(
                        raw.orElseThrow(() -> new NotFoundException(
                                "outbound messages have no raw form; read content_text and content_html")),
                        "message/rfc822")
                .build();
    }

    private Optional<byte[]> rawOrEmpty(EncodedContent content) {
        return Optional.ofNullable(codec.decodeRaw(content));
    }

    private StoredMessage decoded(MessageRepository.Found found) {
        ContentCodec.Bodies bodies = codec.decodeBodies(found.content());
        return found.message().withBodies(bodies.text(), bodies.html(), bodies.headersJson());
    }

    private static String disposition(String filename) {
        String name = filename == null ? "attachment" : filename;
        String ascii = name.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String valid(String storageKey) {
        if (!StorageKeys.isValid(storageKey)) {
            throw notFound();
        }
        return storageKey;
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    private static NotFoundException notFound() {
        return new NotFoundException("no such message");
    }
}
