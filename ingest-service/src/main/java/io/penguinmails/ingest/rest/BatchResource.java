package io.penguinmails.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.penguinmails.ingest.security.CurrentTenant;
import io.penguinmails.ingest.service.importer.BatchService;
import io.penguinmails.ingest.service.importer.NotAnMboxException;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Takes many raw messages at once, as an mbox file, into the inbound pipeline. */
@Path("/v1/inbound/batch")
@Authenticated
public class BatchResource {

    /** The media type of an mbox file (RFC 4155). */
    public static final String MBOX = "application/mbox";

    private static final int MULTI_STATUS = 207;

    private final BatchService batch;
    private final CurrentTenant tenant;

    BatchResource(BatchService batch, CurrentTenant tenant) {
        this.batch = batch;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MBOX)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Submit an mbox of raw messages",
            description = "Each message is accepted like POST /v1/inbound/raw, independently of the others; the answer"
                    + " lists what became of each, in file order.")
    @APIResponse(responseCode = "200", description = "every message was accepted")
    @APIResponse(responseCode = "207", description = "some messages were refused; see each result's status and error")
    @APIResponse(responseCode = "400", description = "the body is empty or not an mbox")
    public Response submitMbox(InputStream body, @QueryParam("email_account_id") String emailAccountId)
            throws IOException {
        UUID tenantId = tenant.id();
        List<BatchService.Result> results = batch.acceptMbox(tenantId, emailAccountId, body);
        long accepted = results.stream().filter(BatchService.Result::accepted).count();
        BatchResponse response = new BatchResponse(
                results.size(),
                accepted,
                results.size() - accepted,
                results.stream().map(ResultView::of).toList());
        return Response.status(accepted == results.size() ? 200 : MULTI_STATUS)
                .entity(response)
                .build();
    }

    @ServerExceptionMapper
    Response notAnMbox(NotAnMboxException e) {
        return ProblemExceptionMapper.problem(400, "Not an mbox", e.getMessage());
    }

    /** The answer to a batch: counts, then one result per message in file order. */
    public record BatchResponse(
            @JsonProperty("total") int total,
            @JsonProperty("accepted") long accepted,
            @JsonProperty("refused") long refused,
            @JsonProperty("results") List<ResultView> results) {}

    /** What became of one message. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ResultView(
            @JsonProperty("index") int index,
            @JsonProperty("status") int status,
            @JsonProperty("storage_key") String storageKey,
            @JsonProperty("job_id") UUID jobId,
            @JsonProperty("message_type") String messageType,
            @JsonProperty("error") String error) {

        static ResultView of(BatchService.Result r) {
            return new ResultView(r.index(), r.status(), r.storageKey(), r.jobId(), r.messageType(), r.error());
        }
    }
}
