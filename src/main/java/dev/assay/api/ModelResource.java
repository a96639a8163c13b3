package dev.assay.api;

import dev.assay.audit.AssayVersion;
import dev.assay.audit.AuditService;
import dev.assay.audit.GateService;
import dev.assay.dataset.DatasetService;
import dev.assay.failure.FieldError;
import dev.assay.infrastructure.CanonicalJson;
import dev.assay.infrastructure.SchemaCheck;
import dev.assay.infrastructure.Yaml;
import dev.assay.registry.ModelCard;
import dev.assay.registry.ModelCardParser;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import dev.assay.registry.formats.CardImport;
import dev.assay.registry.formats.CycloneDxCard;
import dev.assay.registry.formats.HuggingFaceCard;
import dev.assay.security.Caller;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Class paths are all "api/v1": JAX-RS picks one class by its path and never backtracks to another. */
@Path("api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    /** The body of an owners assignment: unknown keys and wrong types are errors, never ignored. */
    private static final SchemaCheck OWNERS = SchemaCheck.load("policies/schema/owners-request.schema.json");

    @Inject
    ModelRegistry registry;

    @Inject
    DatasetService datasets;

    @Inject
    AuditService audits;

    @Inject
    GateService gates;

    /**
     * Registers a version with its model card: JSON or YAML (Assay's card), or imported from a Hugging Face model card
     * ({@code text/markdown}) or a CycloneDX 1.6 ML-BOM ({@code application/vnd.cyclonedx+json}, the model component
     * named by {@code ?component=<bom-ref>} when it has several). 201 new, 200 same card, 409 different card.
     */
    @PUT
    @Path("models/{model}/versions/{version}")
    @Consumes(MediaType.WILDCARD)
    @Requires(Permission.REGISTER_VERSION)
    @Operation(summary = "Register a version with its model card, or import the card",
            description = "Body: the Assay card (application/json, application/yaml), a Hugging Face model card README"
                    + " (text/markdown: YAML front matter with model-index, Markdown sections; Assay fields in an assay: block)"
                    + " or a CycloneDX 1.6 ML-BOM (application/vnd.cyclonedx+json; ?component=<bom-ref> when it has several"
                    + " models; Assay fields as assay:<field> properties). 201 created, 200 the same card again, 409 another"
                    + " card, 422 with every problem. An import answers 'import': {format, unmapped: [{path, reason}]}:"
                    + " every part of the document the card does not hold.")
    public Response register(@PathParam("model") String model, @PathParam("version") String version,
                             @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @QueryParam("component") String component,
                             String body, @Context SecurityContext security) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            return registered(ModelCardParser.parseJson(body, model, version), null, security);
        } else if (type.startsWith("application/yaml") || type.startsWith("application/x-yaml") || type.startsWith("text/yaml")) {
            return registered(ModelCardParser.parseYaml(body, model, version), null, security);
        }
        return imported(type, body, component, null, null, model, version, security);
    }

    /**
     * The same import with an overlay: multipart/form-data with the document in part {@code card} (its part's
     * Content-Type {@code text/markdown} or {@code application/vnd.cyclonedx+json}) and, optionally, Assay card fields in
     * part {@code assay} (YAML or JSON), which win over what the document gives: the fields Hugging Face and CycloneDX
     * have no place for (owner, task, columns, ...) without editing a published document.
     */
    @PUT
    @Path("models/{model}/versions/{version}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Requires(Permission.REGISTER_VERSION)
    @Operation(summary = "Import a model card with Assay fields beside it",
            description = "Part 'card': the Hugging Face README (part type text/markdown) or the CycloneDX 1.6 ML-BOM"
                    + " (application/vnd.cyclonedx+json); part 'assay' (optional): Assay card fields as YAML or JSON, which win"
                    + " over the document's. Answers as the plain import.")
    public Response registerImported(@PathParam("model") String model, @PathParam("version") String version,
                                     @QueryParam("component") String component, List<EntityPart> parts,
                                     @Context SecurityContext security) throws IOException {
        EntityPart card = parts.stream().filter(p -> p.getName().equals("card")).findFirst().orElseThrow(() -> Problem.invalid(
                "The multipart body lacks the part 'card'", List.of(FieldError.at("/card", "is required: the Hugging Face README"
                        + " or the CycloneDX BOM"))));
        String cardText = text(card);
        String type = card.getMediaType() == null ? "" : card.getMediaType().toString().toLowerCase(Locale.ROOT);
        Optional<EntityPart> assay = parts.stream().filter(p -> p.getName().equals("assay")).findFirst();
        String overlayText = assay.isPresent() ? text(assay.get()) : null;
        JsonObject overlay = null;
        if (overlayText != null) {
            if (!(Yaml.readJson(overlayText, "The 'assay' part") instanceof JsonObject o)) {
                throw Problem.invalid("The 'assay' part must be an object of Assay card fields",
                        List.of(FieldError.atLine(1, 1L, "must be a mapping of Assay card fields (owner, task, columns, ...)")));
            }
            overlay = o;
        }
        return imported(type, cardText, component, overlay, overlayText, model, version, security);
    }

    private Response imported(String type, String body, String component, JsonObject overlay, String overlayText, String model,
                              String version, SecurityContext security) {
        CardImport imported;
        if (type.startsWith(MARKDOWN)) {
            imported = HuggingFaceCard.read(body, overlay, overlayText, model, version);
        } else if (type.startsWith(CycloneDxCard.MEDIA_TYPE)) {
            imported = CycloneDxCard.read(body, component, overlay, overlayText, model, version);
        } else {
            throw Problem.unsupportedMediaType("Send the model card as application/json or application/yaml, or import one as "
                    + MARKDOWN + " (a Hugging Face model card) or " + CycloneDxCard.MEDIA_TYPE + " (a CycloneDX 1.6 ML-BOM),"
                    + " or as multipart/form-data with the document in part 'card' and Assay fields in part 'assay'");
        }
        return registered(imported.check(model, version), imported, security);
    }

    private static final String MARKDOWN = "text/markdown";

    private Response registered(ModelCard card, CardImport imported, SecurityContext security) {
        Caller caller = (Caller) security.getUserPrincipal();
        ModelRegistry.Registration r;
        try {
            r = registry.register(card, caller);
        } catch (dev.assay.failure.Failure refused) {
            throw refused;
        } catch (RuntimeException lostRace) {
            // Two registrations of one version (or of one artifact) at once: both found none, and the database's
            // unique keys kept the one that committed first. Asked again, the registry answers as for any repeat:
            // the same card 200, another card or another version of the artifact 409. Any other failure fails again.
            r = registry.register(card, caller);
        }
        ModelVersion v = r.version();
        VersionView plain = version(v);
        VersionView view = imported == null ? plain : new VersionView(plain.model(), plain.version(), plain.card(), plain.cardSha256(),
                plain.createdAt(), plain.createdBy(), plain.datasets(), plain.audits(), plain.gate(), VersionView.Import.of(imported));
        return r.created()
                ? Response.created(URI.create("/api/v1/models/" + v.modelName() + "/versions/" + v.version())).entity(view).build()
                : Response.ok(view).build();
    }

    /** A part's text, bounded as every text body is. */
    private static String text(EntityPart part) throws IOException {
        try (InputStream in = part.getContent()) {
            return new String(TextBodyLimit.bounded(in), StandardCharsets.UTF_8);
        }
    }

    /**
     * The version's card: as Assay stores it ({@code application/json}, the default), or as a CycloneDX 1.6 ML-BOM
     * ({@code Accept: application/vnd.cyclonedx+json}), whose header {@code Assay-Carried-As-Properties} names the Assay
     * fields CycloneDX has no place for, carried as {@code assay:} properties of its model card.
     */
    @GET
    @Operation(summary = "The version's model card, as Assay keeps it or as a CycloneDX 1.6 ML-BOM",
            description = "Accept: application/json (default) or application/vnd.cyclonedx+json. The BOM is canonical JSON;"
                    + " its header Assay-Carried-As-Properties names the Assay fields carried as assay:<field> properties of"
                    + " its model card (CycloneDX has no place for them). Importing it again gives the same card.")
    @Path("models/{model}/versions/{version}/card")
    @Produces({MediaType.APPLICATION_JSON, CycloneDxCard.MEDIA_TYPE})
    @Requires(Permission.READ_RESULTS)
    public Response card(@PathParam("model") String model, @PathParam("version") String version, @Context HttpHeaders headers,
                         @Context SecurityContext security) {
        ModelVersion v = registry.get(model, version, (Caller) security.getUserPrincipal());
        MediaType cyclonedx = MediaType.valueOf(CycloneDxCard.MEDIA_TYPE);
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return Response.ok(v.cardDocument(), MediaType.APPLICATION_JSON_TYPE).build();
            }
            if (accepted.isCompatible(cyclonedx)) {
                CycloneDxCard.Export bom = CycloneDxCard.write(v.cardDocument(), v.cardSha256(), v.createdAt(), AssayVersion.VALUE);
                // Canonical JSON (RFC 8785): the same card gives the same bytes.
                return Response.ok(CanonicalJson.string(bom.bom()), cyclonedx)
                        .header("Assay-Carried-As-Properties", String.join(", ", bom.carried())).build();
            }
        }
        throw Problem.notAcceptable("The card is served as application/json or " + CycloneDxCard.MEDIA_TYPE);
    }

    @GET
    @Path("models")
    @Requires(Permission.READ_RESULTS)
    public ModelsView list(@Context SecurityContext security) {
        Map<String, ModelVersion> latest = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ModelVersion v : registry.all((Caller) security.getUserPrincipal())) {
            latest.putIfAbsent(v.modelName(), v);
            counts.merge(v.modelName(), 1, Integer::sum);
        }
        List<ModelView> models = new ArrayList<>();
        latest.forEach((name, v) -> models.add(
                new ModelView(name, v.card().owner(), counts.get(name), v.version(), GateView.of(gates.of(v)))));
        return new ModelsView(models);
    }

    @GET
    @Path("models/{model}/versions/{version}")
    @Requires(Permission.READ_RESULTS)
    public VersionView get(@PathParam("model") String model, @PathParam("version") String version,
                           @Context SecurityContext security) {
        return version(registry.get(model, version, (Caller) security.getUserPrincipal()));
    }

    /** The people who own a model: they, auditors, admins and CI reach it. */
    @GET
    @Path("models/{model}/owners")
    @Requires(Permission.READ_RESULTS)
    public OwnersView owners(@PathParam("model") String model, @Context SecurityContext security) {
        if (!registry.reaches((Caller) security.getUserPrincipal(), model) || registry.versionsOf(model).isEmpty()) {
            throw Problem.notFound("No model " + model);
        }
        return new OwnersView(model, registry.owners(model));
    }

    /** Body: {"owners": ["alice", ...]}: the model's owners from now on (admins only; recorded in the ledger). */
    @PUT
    @Path("models/{model}/owners")
    @Consumes(MediaType.WILDCARD)
    @Requires(Permission.ASSIGN_OWNERS)
    public OwnersView assignOwners(@PathParam("model") String model, String body, @Context SecurityContext security) {
        JsonBodies.Body checked = JsonBodies.object(body, OWNERS);
        List<FieldError> errors = new ArrayList<>();
        List<String> people = JsonBodies.stringList(checked.json(), "owners", errors);
        checked.check("The owners", errors);
        return new OwnersView(model, registry.assignOwners(model, people, (Caller) security.getUserPrincipal()));
    }

    private VersionView version(ModelVersion v) {
        List<DatasetView> ds = datasets.ofVersion(v.id()).stream().map(d -> DatasetView.of(d, v)).toList();
        List<VersionView.Audit> as = audits.ofVersion(v.id()).stream().map(a -> new VersionView.Audit(a.id(),
                a.status().name(), audits.result(a.id()).map(r -> r.verdict().name()).orElse(null), a.createdAt())).toList();
        return new VersionView(v.modelName(), v.version(), v.cardDocument(), v.cardSha256(), v.createdAt(), v.createdBy(),
                ds, as, GateView.of(gates.of(v)));
    }
}
