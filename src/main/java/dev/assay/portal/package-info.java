/**
 * The auditor portal: server-rendered pages over the same services and the same
 * {@link dev.assay.security.Permission} table as the API. Sign-in is a form in local mode and the
 * OpenID Connect authorization-code flow in oidc mode; the caller then lives in the session.
 */
package dev.assay.portal;
