/**
 * The HTTP edge shared by the API and the portal: the request filter that authenticates every call
 * (bearer tokens for {@code dev.assay.api}, the session and its CSRF token for {@code dev.assay.portal})
 * and checks its {@link dev.assay.security.Requires} permission, and the security headers on every
 * response. These filters serve both sides, so they live beside them, not in either: in api/ they
 * would need the portal's session (and the portal already uses api/), in portal/ the API's
 * authentication would hide in the portal. Nothing imports this package; it sits on top, and
 * {@code dev.assay.security} keeps identities, roles and tokens without a word of HTTP.
 */
package dev.assay.web;
