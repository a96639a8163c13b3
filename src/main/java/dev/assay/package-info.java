/**
 * The application as a whole: the start-up order and the readiness check, which reach into several
 * capabilities at once. Nothing imports this package.
 */
package dev.assay;
