package dev.assay.registry.formats;

import java.util.Objects;

/**
 * A part of an imported document that has no place in an Assay card, so it is not in the card made from it.
 *
 * @param path   where it is: a JSON pointer into the Hugging Face front matter or the CycloneDX BOM
 *               ({@code /license}, {@code /components/0/modelCard/considerations/fairnessAssessments}), or a Markdown
 *               section of a Hugging Face card as {@code #Heading > Subheading} ({@code #} alone: text before the first heading)
 * @param reason why it was not mapped
 */
public record Unmapped(String path, String reason) {

    /** The reason of most: the card has no field it would fit. */
    static final String NO_COUNTERPART = "an Assay model card has no field for it";

    public Unmapped {
        Objects.requireNonNull(path);
        Objects.requireNonNull(reason);
    }
}
