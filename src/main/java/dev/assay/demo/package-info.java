/**
 * The demo: a deterministic generator of synthetic loan decisions and the seeding of model
 * {@code loan-approval} (1.0.0 fails the four-fifths rule, 1.1.0 passes) on first start.
 */
package dev.assay.demo;
