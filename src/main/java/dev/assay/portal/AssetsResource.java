package dev.assay.portal;

import dev.assay.api.Problem;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The portal's static files. Jakarta REST is mapped at the root (the API's paths are a contract),
 * so it also serves these: the stylesheet from the web app, and htmx from its webjar.
 */
@Path("portal/assets")
public class AssetsResource {

    private static final Map<String, String> TYPES = Map.of("css", "text/css; charset=UTF-8", "js", "text/javascript; charset=UTF-8");
    private static final String HTMX = "META-INF/resources/webjars/htmx.org/" + webjarVersion("htmx.org") + "/dist/htmx.min.js";

    @Context
    ServletContext servletContext;

    @GET
    @Path("{name:[a-z0-9-]+(\\.min)?\\.(css|js)}")
    @Requires(Permission.ANYONE)
    public Response asset(@PathParam("name") String name) throws IOException {
        InputStream in = name.equals("htmx.min.js")
                ? AssetsResource.class.getClassLoader().getResourceAsStream(HTMX)
                : servletContext.getResourceAsStream("/portal/assets/" + name);
        if (in == null) {
            throw Problem.notFound("No asset " + name);
        }
        try (in) {
            CacheControl cache = new CacheControl();
            cache.setMaxAge(3600);
            return Response.ok(in.readAllBytes(), TYPES.get(name.substring(name.lastIndexOf('.') + 1))).cacheControl(cache).build();
        }
    }

    private static String webjarVersion(String artifact) {
        try (InputStream in = AssetsResource.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "missing");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
