package io.penguinmails.ingest.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.penguinmails.ingest.InboundJob;
import io.penguinmails.ingest.repository.JobRepository;
import io.penguinmails.ingest.security.CurrentTenant;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Lets an operator see the tenant's jobs, dead ones in particular, and replay them. */
@Path("/v1/jobs")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    private final JobRepository jobs;
    private final CurrentTenant tenant;

    JobResource(JobRepository jobs, CurrentTenant tenant) {
        this.jobs = jobs;
        this.tenant = tenant;
    }

    @GET
    public Map<String, List<JobView>> list(
            @QueryParam("status") String status, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (status != null && !InboundJob.STATUSES.contains(status)) {
            throw new BadRequestException("status must be one of " + InboundJob.STATUSES);
        }
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("limit must be between 1 and 1000");
        }
        return Map.of(
                "jobs",
                jobs.list(tenant.id(), status, limit).stream().map(JobView::of).toList());
    }

    @GET
    @Path("/{id}")
    public JobView get(@PathParam("id") String id) {
        InboundJob job = jobs.find(tenant.id(), parse(id)).orElseThrow(() -> new NotFoundException("no such job"));
        return JobView.of(job).withAttempts(jobs.attempts(job.id()));
    }

    @POST
    @Path("/{id}/retry")
    public Response retry(@PathParam("id") String id) {
        UUID jobId = parse(id);
        jobs.find(tenant.id(), jobId).orElseThrow(() -> new NotFoundException("no such job"));
        if (!jobs.requeueDead(tenant.id(), jobId)) {
            return ProblemExceptionMapper.problem(409, "Conflict", "only a dead job can be retried");
        }
        return Response.accepted(Map.of("job_id", jobId, "status", "queued")).build();
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no such job");
        }
    }

    /** A job as the API shows it. */
    public record JobView(
            @JsonProperty("id") UUID id,
            @JsonProperty("storage_key") String storageKey,
            @JsonProperty("message_type") String messageType,
            @JsonProperty("status") String status,
            @JsonProperty("attempts") int attempts,
            @JsonProperty("max_attempts") int maxAttempts,
            @JsonProperty("last_error") String lastError,
            @JsonProperty("created") Instant created,
            @JsonProperty("completed") Instant completed,
            @JsonProperty("log") List<String> log) {

        static JobView of(InboundJob job) {
            return new JobView(
                    job.id(),
                    job.storageKey(),
                    job.messageType(),
                    job.status(),
                    job.attemptCount(),
                    job.maxAttempts(),
                    job.lastError(),
                    job.created(),
                    job.completed(),
                    null);
        }

        JobView withAttempts(List<String> log) {
            return new JobView(
                    id, storageKey, messageType, status, attempts, maxAttempts, lastError, created, completed, log);
        }
    }
}
