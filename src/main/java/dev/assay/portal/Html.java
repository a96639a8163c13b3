package dev.assay.portal;

/**
 * The portal's page frame and HTML escaping. Pages are small and server-rendered; every value
 * from data goes through {@link #text}.
 */
final class Html {

    private Html() {
    }

    static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String page(String title, String signedInAs, String csrf, String body) {
        StringBuilder header = new StringBuilder();
        if (signedInAs != null) {
            header.append("<form class=\"signout\" method=\"post\" action=\"/portal/logout\">")
                    .append("<span>Signed in as <strong>").append(text(signedInAs)).append("</strong></span> ")
                    .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(text(csrf)).append("\">")
                    .append("<button type=\"submit\">Sign out</button></form>");
        }
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + text(title) + " · Assay</title>"
                + "<link rel=\"stylesheet\" href=\"/portal/assets/portal.css\"></head><body>"
                + "<header><a class=\"brand\" href=\"/portal/\">Assay</a>" + header + "</header>"
                + "<main id=\"main\"><h1>" + text(title) + "</h1>" + body + "</main></body></html>\n";
    }
}
