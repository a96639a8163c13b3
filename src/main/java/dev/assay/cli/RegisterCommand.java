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
 */
@Command(name = "register", description = "Register a model version with its model card (YAML or JSON); the model and"
        + " version are read from the card.")
final class RegisterCommand extends ServerCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CARD", description = "The model card: YAML, or JSON when it is *.json or starts with '{'.")
    Path card;

    @Option(names = "--json", description = "Print the server's answer (JSON) instead of a summary.")
    boolean json;

    @Override
    public Integer call() {
        ModelCardFile file = ModelCardFile.read(card);
        Server server = root.server();
        Server.Reply r = server.send("PUT", Server.versionPath(file.model(), file.version()), file.mediaType(),
                HttpRequest.BodyPublishers.ofString(file.text()), Server.CALL);
        if (!r.ok()) {
            throw Server.failure(r);
        }
        out().println(json ? r.text() : "registered " + file.model() + " " + file.version()
                + (r.status() == 201 ? "" : " (already registered with this card)"));
        return Exit.OK;
    }

    /** A model card as read from its file: the text sent, its media type, and the model and version it names. */
    record ModelCardFile(String model, String version, String mediaType, String text) {

        /** Reads and parses {@code path} as the server will (its YAML and JSON bounds), to learn where to send it. */
        static ModelCardFile read(Path path) {
            String text;
            try {
                if (Files.size(path) > 4L * Yaml.MAX_CHARS) {
                    throw new CommandFailure(path + ": over " + (4 * Yaml.MAX_CHARS >> 20) + " MiB, more than any card");
                }
                text = Files.readString(path);
            } catch (CharacterCodingException e) {
                throw new CommandFailure(path + ": not UTF-8 text", e);
            } catch (IOException e) {
                throw new CommandFailure("cannot read " + path + ": " + e, e);
            }
            boolean isJson = path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") || text.strip().startsWith("{");
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
            return new ModelCardFile(scalar(o, "model", path), scalar(o, "version", path),
                    isJson ? "application/json" : "application/yaml", text);
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
