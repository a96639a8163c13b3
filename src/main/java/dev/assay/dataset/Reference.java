package dev.assay.dataset;

import dev.assay.infrastructure.CanonicalJson;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.util.Locale;

/**
 * A dataset registered by reference (issue 18 §2): what it names (a Parquet location, or a table of the
 * cluster's catalog), the engine it is read and audited on, and what pins its content as registered. The
 * dataset's SHA-256 is that of this record's canonical JSON: the same files, sizes, times, rows and footers
 * give the same hash, so an audit of it pins the content as uploads pin their bytes.
 */
public record Reference(Kind kind, String name, String engine, ReferencePin pin) {

    /** What the name is: a location (file, directory or glob) or a table; the key it has in the API. */
    public enum Kind {
        LOCATION, TABLE;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The engine that reads references: the Spark cluster (see the README, "Datasets by reference"). */
    public static final String SPARK = "spark";

    /** {@code {"location"|"table": name, "engine", "pin": {...}}}: stored with the dataset and answered by the API. */
    public JsonObject toJson() {
        return Json.createObjectBuilder().add(kind.key(), name).add("engine", engine).add("pin", pin.toJson()).build();
    }

    /**
     * The same without the file list (how many files instead): what the signed report carries, so that a
     * location of many thousand files does not swell every report; the dataset's SHA-256 covers the list.
     */
    public JsonObject summary() {
        JsonObject full = pin.toJson();
        var p = Json.createObjectBuilder().add("files", pin.files().size()).add("rows", pin.rows()).add("bytes", pin.bytes());
        if (full.containsKey("footersSha256")) {
            p.add("footersSha256", full.getString("footersSha256"));
        }
        return Json.createObjectBuilder().add(kind.key(), name).add("engine", engine).add("pin", p).build();
    }

    public static Reference fromJson(JsonObject o) {
        Kind kind = o.containsKey("table") ? Kind.TABLE : Kind.LOCATION;
        return new Reference(kind, o.getString(kind.key()), o.getString("engine"), ReferencePin.fromJson(o.getJsonObject("pin")));
    }

    /** The dataset's identity: the SHA-256 of this reference's canonical JSON (RFC 8785). */
    public String sha256() {
        return CanonicalJson.sha256(toJson());
    }
}
