package dev.assay.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks portal resources: their caller comes from the signed-in session, not from an
 * Authorization header, and state-changing requests must carry the session's CSRF token. The
 * {@link Requires} permission of each method is checked exactly as for the API.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SessionAuthenticated {
}
