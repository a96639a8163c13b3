package dev.assay.api;

import dev.assay.failure.NotFound;
import dev.assay.failure.FieldError;
import dev.assay.dataset.Dataset;
import dev.assay.dataset.DatasetFormat;
import dev.assay.dataset.DatasetService;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import dev.assay.security.Caller;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

@Path("api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {

    @Inject
    ModelRegistry registry;

    @Inject
    DatasetService datasets;

    /** The file is the body: text/csv, application/x-ndjson or application/vnd.apache.parquet. Streamed. */
    @POST
    @Path("models/{model}/versions/{version}/datasets")
    @Consumes(MediaType.WILDCARD)
    @Requires(Permission.UPLOAD_DATASET)
    public Response upload(@PathParam("model") String model, @PathParam("version") String version,
                           @QueryParam("role") String role, @QueryParam("delimiter") String delimiter,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body,
                           @Context SecurityContext security) {
        DatasetFormat format = DatasetFormat.fromMediaType(contentType).orElseThrow(() -> Problem.unsupportedMediaType(
                "Unsupported Content-Type '" + contentType + "'; send text/csv, application/x-ndjson,"
                        + " application/vnd.apache.parquet, or multipart/form-data with the file in field 'file'"));
        return ingest(model, version, role, delimiter, format, body, security);
    }

    /** The same, as multipart/form-data with the file in field {@code file}. */
    @POST
    @Path("models/{model}/versions/{version}/datasets")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Requires(Permission.UPLOAD_DATASET)
    public Response uploadMultipart(@PathParam("model") String model, @PathParam("version") String version,
                                    @QueryParam("role") String role, @QueryParam("delimiter") String delimiter,
                                    @FormParam("file") EntityPart file, @Context SecurityContext security) throws IOException {
        if (file == null) {
            throw Problem.invalid("The multipart body has no field 'file'",
                    List.of(FieldError.at("/file", "is required")));
        }
        DatasetFormat format = DatasetFormat.fromMediaType(file.getMediaType() == null ? null : file.getMediaType().toString())
                .or(() -> DatasetFormat.fromFileName(file.getFileName().orElse(null)))
                .orElseThrow(() -> Problem.unsupportedMediaType("The part 'file' must be text/csv, application/x-ndjson"
                        + " or application/vnd.apache.parquet (or be named *.csv, *.jsonl, *.parquet)"));
        try (InputStream in = file.getContent()) {
            return ingest(model, version, role, delimiter, format, in, security);
        }
    }

    private Response ingest(String model, String version, String role, String delimiter, DatasetFormat format,
                            InputStream body, SecurityContext security) {
        ModelVersion v = registry.get(model, version, (Caller) security.getUserPrincipal());
        Dataset.Role r = parseRole(role);
        Dataset d = datasets.ingest(v, r, new DatasetService.Upload(body, format, parseDelimiter(delimiter)),
                (Caller) security.getUserPrincipal());
        return Response.created(URI.create("/api/v1/datasets/" + d.id())).entity(DatasetView.of(d, v)).build();
    }

    @GET
    @Path("datasets/{id}")
    @Requires(Permission.READ_RESULTS)
    public DatasetView get(@PathParam("id") String id, @Context SecurityContext security) {
        Dataset d = datasets.get(id);
        ModelVersion v = registry.byId(d.modelVersionId());
        if (!registry.reaches((Caller) security.getUserPrincipal(), v.modelName())) {
            throw new NotFound("No dataset " + id);
        }
        return DatasetView.of(d, v);
    }

    private static Dataset.Role parseRole(String role) {
        if (role == null || role.equals("evaluation")) {
            return Dataset.Role.EVALUATION;
        }
        if (role.equals("baseline")) {
            return Dataset.Role.BASELINE;
        }
        throw Problem.badRequest("Query parameter 'role' must be 'evaluation' or 'baseline'");
    }

    private static Character parseDelimiter(String delimiter) {
        if (delimiter == null || delimiter.isEmpty()) {
            return null;
        }
        if (delimiter.equals("tab") || delimiter.equals("\t")) {
            return '\t';
        }
        if (delimiter.length() == 1 && ",;|".contains(delimiter)) {
            return delimiter.charAt(0);
        }
        throw Problem.badRequest("Query parameter 'delimiter' must be one of , ; | tab");
    }
}
