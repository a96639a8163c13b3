/**
 * Identities, roles and tokens. The role matrix lives in one place, {@link dev.assay.security.Permission};
 * every resource method names the permission it needs with {@link dev.assay.security.Requires}, and
 * {@link dev.assay.security.AuthenticationFilter} refuses anything without one.
 */
package dev.assay.security;
