package dev.assay.cli;

import dev.assay.failure.InvalidInput;
import dev.assay.infrastructure.JsonText;
import dev.assay.infrastructure.Yaml;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code assay register CARD}: {@code PUT /api/v1/models/{model}/versions/{version}} with the card as its body,
 * the model and version read from the card itself, so a pipeline names them in one place. The server says
 * 201 (registered), 200 (the same card again) or a problem (another card for the version: 409; a card with
 * mistakes: 422 with every mistake, printed one a line).
 *
 * <p>The card may also be imported (README "Model cards from where they already are"): a Hugging Face README
 * ({@code *.md}, or text that starts with {@code ---}) or a CycloneDX 1.6 ML-BOM (JSON with {@code "bomFormat":
 * "CycloneDX"}), with Assay's fields beside it in {@code --assay FILE} (sent as a multipart 'assay' part). The model and
 * version come from {@code register CARD MODEL VERSION}, else from the document (the BOM's model component, the
 * README's {@code assay:} block); every part of the document the card does not hold is printed, one a line.
 */
@Command(name = "register", description = "Register a model version with its model card (YAML or JSON; the model and"
        + " version are read from the card), or import the card from a Hugging Face README or a CycloneDX 1.6 ML-BOM.")
final class RegisterCommand extends ServerCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CARD", description = "The model card: YAML, or JSON when it is *.json or starts"
            + " with '{'; or a Hugging Face README (*.md) or a CycloneDX ML-BOM to import.")
    Path card;

    @Parameters(index = "1", arity = "0..1", paramLabel = "MODEL", description = "The model (default: the one the card names).")
    String model;

    @Parameters(index = "2", arity = "0..1", paramLabel = "VERSION", description = "The version (default: the one the card names).")
    String version;

    @Option(names = "--assay", paramLabel = "FILE", description = "Assay card fields (YAML or JSON) for an imported card:"
            + " what Hugging Face and CycloneDX have no place for (owner, task, columns, ...); they win over the document's.")
    Path assay;

    @Option(names = "--component", paramLabel = "BOM-REF", description = "The model component of a BOM that has several.")
    String component;

    @Option(names = "--json", description = "Print the server's answer (JSON) instead of a summary.")
    boolean json;

    @Override
    public Integer call() {
        ModelCardFile file = ModelCardFile.read(card);
        String m = model != null ? model : file.model();
        String v = version != null ? version : file.version();
        if (m == null || v == null) {
            throw new CommandFailure(card + ": the document names no " + (m == null ? "model" : "version") + "; name them: register CARD"
                    + " MODEL VERSION");
        }
        if (assay != null && (file.mediaType().equals("application/yaml") || file.mediaType().equals("application/json"))) {
            throw new CommandFailure("--assay is for an imported card (a Hugging Face README or a CycloneDX BOM); an Assay card"
                    + " holds its fields itself");
        }
        Server server = root.server();
        String path = Server.versionPath(m, v) + (component == null ? "" : "?component=" + Server.query(component));
        Server.Reply r;
        if (assay == null) {
            r = server.send("PUT", path, file.mediaType(), HttpRequest.BodyPublishers.ofString(file.text()), Server.CALL);
        } else {
            Multipart body = new Multipart().part("card", file.mediaType(), file.text())
                    .part("assay", "application/yaml", ModelCardFile.text(assay));
            r = server.send("PUT", path, body.contentType(), HttpRequest.BodyPublishers.ofByteArray(body.bytes()), Server.CALL);
        }
        if (!r.ok()) {
            throw Server.failure(r);
        }
        out().println(json ? r.text() : summary(r.json(), m, v, r.status() == 201));
        return Exit.OK;
    }

    /** {@code registered MODEL VERSION}, and for an import where from and each part of the document it left out. */
    static String summary(JsonObject answer, String model, String version, boolean created) {
        StringBuilder b = new StringBuilder("registered ").append(ProblemText.printable(model + " " + version))
                .append(created ? "" : " (already registered with this card)");
        if (answer.get("import") instanceof JsonObject imported) {
            var unmapped = imported.getJsonArray("unmapped").getValuesAs(JsonObject.class);
            b.append("\n  imported from ").append(ProblemText.printable(imported.getString("format", "?")))
                    .append(unmapped.isEmpty() ? "; every part of it is in the card" : "; not in the card:");
            unmapped.forEach(u -> b.append("\n  ").append(ProblemText.printable(u.getString("path", "?") + ": "
                    + u.getString("reason", "?"))));
        }
        return b.toString();
    }

    /** A multipart/form-data body of text parts. */
    static final class Multipart {

        private final String boundary = "assay-" + java.util.UUID.randomUUID();
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        Multipart part(String name, String type, String text) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\nContent-Type: "
                    + type + "\r\n\r\n" + text + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return this;
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        byte[] bytes() {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            all.writeBytes(out.toByteArray());
            all.writeBytes(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return all.toByteArray();
        }
    }

    /** A model card as read from its file: the text sent, its media type, and the model and version it names. */
    record ModelCardFile(String model, String version, String mediaType, String text) {

        /** Reads and parses {@code path} as the server will (its YAML and JSON bounds), to learn where to send it. */
        static ModelCardFile read(Path path) {
            String text = text(path);
            String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".md") || text.startsWith("---\n") || text.startsWith("---\r\n")) {
                return huggingFace(text);
            }
            boolean isJson = name.endsWith(".json") || text.strip().startsWith("{");
            JsonValue value;
            try {
                value = isJson ? JsonText.read(text, "The model card", Yaml.MAX_CHARS) : Yaml.readJson(text, "The model card");
            } catch (InvalidInput e) {
                throw new CommandFailure(path + ": " + e.detail() + e.errors().stream().map(f -> "\n" + ProblemText.line(f))
                        .collect(Collectors.joining()), e);
            }
            if (!(value instanceof JsonObject o)) {
                throw new CommandFailure(path + ": a model card is a mapping of keys (model, version, owner, ...)");
            }
            if ("CycloneDX".equals(o.getString("bomFormat", null))) {
                return cycloneDx(o, text);
            }
            return new ModelCardFile(scalar(o, "model", path), scalar(o, "version", path),
                    isJson ? "application/json" : "application/yaml", text);
        }

        static String text(Path path) {
            try {
                if (Files.size(path) > 4L * Yaml.MAX_CHARS) {
                    throw new CommandFailure(path + ": over " + (4 * Yaml.MAX_CHARS >> 20) + " MiB, more than any card");
                }
                return Files.readString(path);
            } catch (CharacterCodingException e) {
                throw new CommandFailure(path + ": not UTF-8 text", e);
            } catch (IOException e) {
                throw new CommandFailure("cannot read " + path + ": " + e, e);
            }
        }

        /** A Hugging Face README: the model and version of its front matter's {@code assay:} block, if it names them. */
        private static ModelCardFile huggingFace(String text) {
            String normalized = text.replace("\r\n", "\n");
            int end = normalized.startsWith("---\n") ? normalized.indexOf("\n---\n", 3) : -1;
            JsonObject block = JsonValue.EMPTY_JSON_OBJECT;
            if (end > 0) {
                try {
                    if (Yaml.readJson(normalized.substring(4, end + 1), "The front matter") instanceof JsonObject front
                            && front.get("assay") instanceof JsonObject a) {
                        block = a;
                    }
                } catch (InvalidInput e) {
                    // The server says what is wrong with it, with the README's lines.
                }
            }
            return new ModelCardFile(loose(block.get("model")), loose(block.get("version")), "text/markdown", text);
        }

        /** A CycloneDX BOM: the name and version of its one machine-learning-model component, if it has one. */
        private static ModelCardFile cycloneDx(JsonObject bom, String text) {
            java.util.List<JsonObject> models = new java.util.ArrayList<>();
            if (bom.get("components") instanceof jakarta.json.JsonArray list) {
                list.stream().filter(c -> c instanceof JsonObject o && "machine-learning-model".equals(o.getString("type", null)))
                        .forEach(c -> models.add((JsonObject) c));
            }
            JsonObject only = models.size() == 1 ? models.get(0) : JsonValue.EMPTY_JSON_OBJECT;
            return new ModelCardFile(loose(only.get("name")), loose(only.get("version")), "application/vnd.cyclonedx+json", text);
        }

        private static String loose(JsonValue v) {
            return v instanceof JsonString s ? s.getString() : v instanceof JsonNumber n ? n.toString() : null;
        }

        /** A string, or a number written where a string is meant (YAML reads {@code version: 2016} as one), as the server reads it. */
        private static String scalar(JsonObject card, String key, Path path) {
            JsonValue v = card.get(key);
            String s = v instanceof JsonString str ? str.getString() : v instanceof JsonNumber n ? n.toString() : null;
            if (s == null || s.isBlank()) {
                throw new CommandFailure(path + ": the card names no " + key + " (the key '" + key + "', a string)");
            }
            return s;
        }
    }
}
