package dev.assay.web;

import dev.assay.api.Problem;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The error page of the web application (WEB-INF/web.xml): what the web container itself refuses
 * before Jakarta REST sees it (a path with an encoded slash or another character Servlet 6 rejects,
 * a request it cannot decode) is answered as problem+json, like every other error under /api, with
 * a fixed text: never the container's message, which names its classes and the raw URI. The
 * portal's browsers get the same words as a plain page.
 */
@WebServlet("/container-error")
public class ContainerErrors extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 && i <= 599 ? i : 404;
        String uri = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = detail(status);
        response.resetBuffer();
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        if (uri.startsWith("/portal/") && accepts(request, "text/html")) {
            response.setContentType("text/html;charset=UTF-8");
            response.getOutputStream().write(("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                    + " - Assay</title></head><body><h1>" + title + "</h1><p>" + detail
                    + "</p><p><a href=\"/portal/\">Back to the dashboard</a></p></body></html>").getBytes(StandardCharsets.UTF_8));
            return;
        }
        Problem problem = new Problem(status, status == 500 ? "internal" : "http-" + status, title, detail, List.of());
        response.setContentType("application/problem+json");
        response.getOutputStream().write(problem.toJson().toString().getBytes(StandardCharsets.UTF_8));
    }

    static String detail(int status) {
        return switch (status) {
            case 400 -> "The request cannot be read: its path holds an encoded character that is not allowed there"
                    + " (an encoded slash, say) or it is otherwise malformed";
            case 404 -> "No resource at this path";
            case 500 -> "An unexpected error occurred; it has been logged";
            default -> "The request could not be completed";
        };
    }

    private static boolean accepts(HttpServletRequest request, String type) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains(type);
    }
}
