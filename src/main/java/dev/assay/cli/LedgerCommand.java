package dev.assay.cli;

import dev.assay.ledger.LedgerExport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code assay ledger export FILE} keeps the hash chain as JSON Lines ({@code GET /api/v1/ledger/export}, auditors
 * and admins); {@code assay ledger verify FILE} checks such an export offline with {@link LedgerExport#check}, the
 * check the server's own export is built for. Exit 0 valid, 1 invalid (the first bad entry named), 2 when the
 * file cannot be read.
 */
@Command(name = "ledger", description = "Export the ledger, or verify an export offline.",
        subcommands = {LedgerCommand.Export.class, LedgerCommand.Verify.class})
final class LedgerCommand implements Callable<Integer> {

    @ParentCommand
    AssayCli root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: export or verify");
    }

    @Command(name = "export", description = "Save the whole ledger as JSON Lines (auditors and admins).")
    static final class Export implements Callable<Integer> {

        @ParentCommand
        LedgerCommand ledger;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "Where to write it, e.g. ledger.jsonl.")
        Path file;

        @Override
        public Integer call() {
            ledger.root.server().download("/api/v1/ledger/export", "application/jsonl", file);
            spec.commandLine().getErr().println("saved the ledger in " + file);
            return Exit.OK;
        }
    }

    @Command(name = "verify", description = "Check an exported ledger offline: every entry's hash and every link.")
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "An export, from 'assay ledger export' or GET /api/v1/ledger/export.")
        Path file;

        @Override
        public Integer call() {
            LedgerExport.Check check;
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                check = LedgerExport.check(in);
            } catch (IOException e) {
                throw new CommandFailure("cannot read " + file + ": " + e, e);
            }
            spec.commandLine().getOut().println(check.message());
            return check.valid() ? Exit.OK : Exit.FAIL;
        }
    }
}
