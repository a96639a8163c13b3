/**
 * Identities, roles and tokens: local accounts (hashed passwords) and API tokens, the OIDC provider
 * (discovery, JWT checks), failed-attempt limits. The role matrix lives in one place,
 * {@link dev.assay.security.Permission}; every resource method names the permission it needs with
 * {@link dev.assay.security.Requires}, and the request filter in {@code dev.assay.web} refuses anything
 * without one. Nothing here knows HTTP: an {@link dev.assay.security.Authenticator} gives its
 * {@link dev.assay.security.Authenticator.Verdict} on a credential (accepted, rejected, throttled,
 * provider unavailable), and the web layer says that to the client.
 */
package dev.assay.security;
