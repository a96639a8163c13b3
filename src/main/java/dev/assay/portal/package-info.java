/**
 * The auditor portal: server-rendered pages (Thymeleaf templates, SVG charts) over the same services and
 * the same {@link dev.assay.security.Permission} table as the API, and failures shown as pages with the
 * API's status and text. Sign-in is a form in local mode and the OpenID Connect authorization-code flow in
 * oidc mode; the caller then lives in the session.
 */
package dev.assay.portal;
