package dev.assay.cli;

import dev.assay.dataset.DatasetFormat;
import jakarta.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code assay upload MODEL VERSION FILE}: {@code POST .../datasets?role=} with the file as the body, streamed
 * from disk ({@link FileBody}) with its progress on stderr for large files ({@link UploadProgress}). The format
 * comes from the file's name as the server reads names ({@link DatasetFormat}) or {@code --format}. The answer's
 * SHA-256 is checked against the bytes sent: the dataset the audit will pin is the file the pipeline holds.
 */
@Command(name = "upload", description = "Upload a dataset of a model version (CSV, JSON Lines or Parquet), streamed from disk.")
final class UploadCommand extends ServerCommand implements Callable<Integer> {

    enum Role { EVALUATION, BASELINE }

    @Mixin
    VersionArguments version;

    @Parameters(index = "2", paramLabel = "FILE", description = "The dataset: *.csv, *.jsonl or *.ndjson, *.parquet.")
    Path file;

    @Option(names = "--role", defaultValue = "evaluation", paramLabel = "ROLE",
            description = "evaluation or baseline (default: ${DEFAULT-VALUE}).")
    Role role;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "CSV, JSON_LINES or PARQUET, when the file's name does not say (default: from the name).")
    DatasetFormat format;

    @Option(names = "--delimiter", paramLabel = "C", description = "The CSV delimiter: , ; | or tab (default: sniffed by the server).")
    String delimiter;

    @Option(names = "--progress", negatable = true,
            description = "Show the upload's progress on stderr (default: for files of 8 MiB or more).")
    Boolean progress;

    @Option(names = "--json", description = "Print the server's answer (JSON) instead of a summary.")
    boolean json;

    @Override
    public Integer call() {
        DatasetFormat f = format != null ? format : DatasetFormat.fromFileName(file.getFileName().toString()).orElseThrow(() ->
                new CommandFailure("cannot tell the format of " + file + " from its name: pass --format CSV, JSON_LINES or PARQUET"));
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new CommandFailure("cannot read " + file + ": " + e, e);
        }
        Server server = root.server();
        boolean show = progress != null ? progress : size >= UploadProgress.LARGE_BYTES;
        UploadProgress shown = show ? new UploadProgress(err(), size, UploadProgress.onTerminal(), System::nanoTime) : null;
        FileBody body;
        try {
            body = new FileBody(file, shown);
        } catch (FileNotFoundException e) {
            throw new CommandFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
        String path = version.path() + "/datasets?role=" + role.name().toLowerCase(Locale.ROOT)
                + (delimiter == null ? "" : "&delimiter=" + Server.query(delimiter));
        Server.Reply r = server.send("POST", path, f.mediaType(), body, null);
        if (!r.ok()) {
            throw Server.failure(r);
        }
        JsonObject dataset = r.json();
        String sent = body.sha256Hex();
        if (!sent.equals(dataset.getString("sha256", null))) {
            throw new CommandFailure("the server stored a dataset with SHA-256 " + dataset.getString("sha256", null)
                    + " but the bytes sent have " + sent + ": was " + file + " written to while it was sent?");
        }
        out().println(json ? r.text() : "dataset " + dataset.getString("id") + " of " + version
                + ": " + dataset.getJsonNumber("rows") + " rows, " + dataset.getJsonArray("columns").size() + " columns, "
                + dataset.getString("role") + ", sha256 " + sent);
        return Exit.OK;
    }
}
