package dev.assay.api;

import dev.assay.infrastructure.FaultPoints;
import dev.assay.failure.NotFound;
import dev.assay.failure.FieldError;
import dev.assay.dataset.Dataset;
import dev.assay.dataset.DatasetFormat;
import dev.assay.dataset.DatasetService;
import dev.assay.audit.ReferenceDatasets;
import dev.assay.infrastructure.SchemaCheck;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import dev.assay.security.Caller;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
import java.util.ArrayList;
import java.util.List;

@Path("api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {

    @Inject
    ModelRegistry registry;

    @Inject
    DatasetService datasets;

    @Inject
    ReferenceDatasets references;

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

    /** The media type of a dataset by reference's registration (API.md, "Datasets by reference"). */
    public static final String REFERENCE = "application/vnd.assay.reference+json";

    private static final SchemaCheck REFERENCE_REQUEST = SchemaCheck.load("policies/schema/reference-request.schema.json");

    /**
     * A dataset registered by reference: {@code {"location": ...}} or {@code {"table": ...}}, optionally
     * {@code "engine": "spark"}. Checked as an upload is, where it lives; 201 with its metadata and its reference.
     */
    @POST
    @Path("models/{model}/versions/{version}/datasets")
    @Consumes(REFERENCE)
    @Requires(Permission.UPLOAD_DATASET)
    @Operation(summary = "Register a dataset by reference, audited where it lives",
            description = "Body: {\"location\": \"<Parquet file, directory or glob>\"} or {\"table\": \"<namespace.table>\"},"
                    + " optionally \"engine\": \"spark\" (the only engine for references). The location must lie inside"
                    + " ASSAY_REFERENCE_ROOTS and a table's namespace be listed in ASSAY_REFERENCE_TABLES. Checked as an upload is"
                    + " (card columns present, role values, weights) on the Spark cluster and pinned: its files with sizes,"
                    + " modification times and rows, and the SHA-256 of their Parquet footers. 201 with the dataset and"
                    + " 'reference': {location|table, engine, pin}; 422 with every problem. An audit of it fails when its"
                    + " content changed since the pin.")
    public Response reference(@PathParam("model") String model, @PathParam("version") String version,
                              @QueryParam("role") String role, String body, @Context SecurityContext security) {
        ModelVersion v = registry.get(model, version, (Caller) security.getUserPrincipal());
        Dataset.Role r = parseRole(role);
        JsonBodies.Body checked = JsonBodies.object(body, REFERENCE_REQUEST);
        List<FieldError> errors = new ArrayList<>();
        String location = JsonBodies.optionalString(checked.json(), "location", errors);
        String table = JsonBodies.optionalString(checked.json(), "table", errors);
        String engine = JsonBodies.optionalString(checked.json(), "engine", errors);
        if (checked.schemaErrors().isEmpty() && (location == null) == (table == null)) {
            errors.add(FieldError.at("", "give exactly one of 'location' (a Parquet file, directory or glob) and 'table'"));
        }
        checked.check("The reference", errors);
        Dataset d = references.register(v, r, new ReferenceDatasets.Request(location, table, engine), (Caller) security.getUserPrincipal());
        return Response.created(URI.create("/api/v1/datasets/" + d.id())).entity(DatasetView.of(d, v)).build();
    }

    private Response ingest(String model, String version, String role, String delimiter, DatasetFormat format,
                            InputStream body, SecurityContext security) {
        ModelVersion v = registry.get(model, version, (Caller) security.getUserPrincipal());
        Dataset.Role r = parseRole(role);
        Dataset d = datasets.ingest(v, r, new DatasetService.Upload(body, format, parseDelimiter(delimiter)),
                (Caller) security.getUserPrincipal());
        FaultPoints.at("dataset.committed");
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
