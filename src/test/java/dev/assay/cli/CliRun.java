package dev.assay.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One run of the client in this JVM: its exit status and what it printed on stdout and stderr. */
record CliRun(int status, String out, String err) {

    static CliRun of(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = AssayCli.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(status, out.toString(), err.toString());
    }

    static CliRun of(String... args) {
        return of(Map.of(), args);
    }
}
