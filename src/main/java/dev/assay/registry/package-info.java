/**
 * Models, their immutable versions and model cards. A version is registered once with its card;
 * the card is stored in canonical JSON and addressed by its SHA-256, so an audit can pin it.
 */
package dev.assay.registry;
