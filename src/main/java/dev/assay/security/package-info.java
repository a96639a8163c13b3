/**
 * Identities, roles and tokens. The role matrix lives in one place, {@link dev.assay.security.Permission};
 * every resource method names the permission it needs with {@link dev.assay.security.Requires}, and the
 * request filter in {@code dev.assay.web} refuses anything without one. Nothing here knows HTTP: an
 * {@link dev.assay.security.Authenticator} says who presented what as an outcome (accepted, rejected,
 * throttled, provider unavailable), and the web layer says that to the client.
 */
package dev.assay.security;
