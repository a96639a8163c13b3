package dev.assay.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code java -jar assay-cli.jar <command>}: the root of the client's commands, with the two settings every
 * server command shares, the server's URL and the token, from options or the environment
 * ({@code ASSAY_URL}, {@code ASSAY_TOKEN}). The token is sent as a bearer token and never printed.
 */
// scope INHERIT: every command has --help and --version, and the exit statuses in its help.
@Command(name = "assay", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, versionProvider = AssayCli.Version.class,
        subcommands = {RegisterCommand.class, UploadCommand.class, AuditCommand.class, GateCommand.class,
                VerifyCommand.class, LedgerCommand.class},
        description = "Assay's client for CI: register a model version, upload its evaluation data, audit it, ask its gate;"
                + " verify reports and ledger exports offline.",
        footerHeading = "%nExit status:%n",
        footer = {"  0  gate met; signature or ledger valid; done as asked",
                "  1  gate not met; signature or ledger invalid",
                "  2  usage error, unreadable input, unreachable server, error answer"})
public final class AssayCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The Assay server, e.g. https://assay.example.com (default: $ASSAY_URL).")
    String url;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "An Assay API token or OIDC access token (default: $ASSAY_TOKEN, which is better:"
                    + " arguments show in process lists).")
    String token;

    private final Map<String, String> env;

    AssayCli(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int status = run(args, System.getenv(), out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs one command line and answers its exit status ({@link Exit}); what it prints goes to {@code out} and {@code err}. */
    static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        return commandLine(env, out, err).execute(args);
    }

    static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new AssayCli(env));
        line.setOut(out);
        line.setErr(err);
        line.setCaseInsensitiveEnumValuesAllowed(true);
        // A mistake on the command line: the message and where to read more, not the whole usage in a CI log.
        line.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("error: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, failed.getErr());
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
            failed.getErr().flush();
            return Exit.ERROR;
        });
        line.setExecutionExceptionHandler((e, failed, parsed) -> {
            failed.getErr().println("error: " + (e instanceof CommandFailure ? e.getMessage() : e.toString()));
            failed.getErr().flush();
            return Exit.ERROR;
        });
        return line;
    }

    /** {@code assay} alone: which commands there are. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing a command: register, upload, audit, gate, verify or ledger");
    }

    /** The server the options or the environment name, with the token; a usage failure when either is missing. */
    Server server() {
        String u = url != null ? url : env.get("ASSAY_URL");
        if (u == null || u.isBlank()) {
            throw new CommandFailure("no server: pass --url or set ASSAY_URL");
        }
        URI base;
        try {
            base = URI.create(u.strip());
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("the server URL is not a URL: " + ProblemText.printable(u));
        }
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || base.getHost() == null || base.getRawQuery() != null) {
            throw new CommandFailure("the server URL must be http:// or https:// with a host and no query: " + ProblemText.printable(u));
        }
        String t = token != null ? token : env.get("ASSAY_TOKEN");
        if (t == null || t.isBlank()) {
            throw new CommandFailure("no token: set ASSAY_TOKEN (or pass --token)");
        }
        return new Server(base, t.strip());
    }

    /** The client's version, from its jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = AssayCli.class.getPackage().getImplementationVersion();
            return new String[] {"assay-cli " + (v == null ? "(not built as a jar)" : v)};
        }
    }
}
