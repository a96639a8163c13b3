package dev.assay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where {@code assay register} sends a card: the model and version the card names, read as the server reads them. */
class RegisterCommandTest {

    @TempDir
    Path dir;

    @Test
    void yamlAndJsonCardsNameTheirModelAndVersion() throws Exception {
        Path yaml = Files.writeString(dir.resolve("model-card.yaml"), """
                model: compas
                version: 2016          # a YAML number, as the server reads it: "2016"
                owner: fairness@example.com
                """);
        RegisterCommand.ModelCardFile y = RegisterCommand.ModelCardFile.read(yaml);
        assertEquals("compas", y.model());
        assertEquals("2016", y.version());
        assertEquals("application/yaml", y.mediaType());
        assertEquals(Files.readString(yaml), y.text(), "sent as written");

        Path json = Files.writeString(dir.resolve("card.txt"), "  {\"model\": \"credit-risk\", \"version\": \"1.4.0\"}");
        RegisterCommand.ModelCardFile j = RegisterCommand.ModelCardFile.read(json);
        assertEquals("credit-risk", j.model());
        assertEquals("1.4.0", j.version());
        assertEquals("application/json", j.mediaType(), "JSON by its first character");
    }

    @Test
    void aCardThatCannotBeSentIsAFailureThatSaysWhere() throws Exception {
        Path broken = Files.writeString(dir.resolve("card.yaml"), "model: m\nversion: [1\n");
        CommandFailure syntax = assertThrows(CommandFailure.class, () -> RegisterCommand.ModelCardFile.read(broken));
        assertTrue(syntax.getMessage().startsWith(broken + ": The model card is not valid YAML\n  line 3, column 1: "), syntax.getMessage());

        Path nameless = Files.writeString(dir.resolve("nameless.yaml"), "version: 1.0.0\nowner: x@example.com\n");
        CommandFailure noModel = assertThrows(CommandFailure.class, () -> RegisterCommand.ModelCardFile.read(nameless));
        assertEquals(nameless + ": the card names no model (the key 'model', a string)", noModel.getMessage());

        Path list = Files.writeString(dir.resolve("list.yaml"), "- model: m\n");
        assertThrows(CommandFailure.class, () -> RegisterCommand.ModelCardFile.read(list));

        CliRun absent = CliRun.of(java.util.Map.of("ASSAY_URL", "http://127.0.0.1:9", "ASSAY_TOKEN", "t"),
                "register", dir.resolve("absent.yaml").toString());
        assertEquals(Exit.ERROR, absent.status());
        assertTrue(absent.err().startsWith("error: cannot read " + dir.resolve("absent.yaml")), absent.err());
    }

    /** Imports: a README by its name or front matter, a BOM by its bomFormat; the model and version they name, if any. */
    @Test
    void aHuggingFaceReadmeAndACycloneDxBomAreSentAsThemselves() throws Exception {
        Path readme = Files.writeString(dir.resolve("README.md"), "---\nlicense: mit\nassay:\n  model: adult\n  version: 2.0\n---\n# Card\n");
        RegisterCommand.ModelCardFile hf = RegisterCommand.ModelCardFile.read(readme);
        assertEquals("text/markdown", hf.mediaType());
        assertEquals("adult", hf.model());
        assertEquals("2.0", hf.version());
        RegisterCommand.ModelCardFile plain = RegisterCommand.ModelCardFile.read(Files.writeString(dir.resolve("card.md"), "# No front matter\n"));
        assertEquals(null, plain.model(), "the command line names it");

        Path bom = Files.writeString(dir.resolve("bom.json"), "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":"
                + "[{\"type\":\"library\",\"name\":\"x\"},{\"type\":\"machine-learning-model\",\"name\":\"credit-risk\",\"version\":\"1.4.0\"}]}");
        RegisterCommand.ModelCardFile cdx = RegisterCommand.ModelCardFile.read(bom);
        assertEquals("application/vnd.cyclonedx+json", cdx.mediaType());
        assertEquals("credit-risk", cdx.model());
        assertEquals("1.4.0", cdx.version());
    }

    @Test
    void anImportPrintsWhatTheCardDoesNotHold() {
        var answer = jakarta.json.Json.createReader(new java.io.StringReader("{\"import\":{\"format\":\"cyclonedx\",\"unmapped\":["
                + "{\"path\":\"/components/0/licenses\",\"reason\":\"an Assay model card has no field for it\"}]}}")).readObject();
        assertEquals("registered m 1 (already registered with this card)\n  imported from cyclonedx; not in the card:\n"
                + "  /components/0/licenses: an Assay model card has no field for it", RegisterCommand.summary(answer, "m", "1", false));
        assertEquals("registered m 1", RegisterCommand.summary(jakarta.json.JsonValue.EMPTY_JSON_OBJECT, "m", "1", true));
    }
}
