package dev.assay.api;

import java.util.List;

/** {@code GET /api/v1/tokens}. */
public record TokensView(List<TokenView> tokens) {

    public TokensView {
        tokens = List.copyOf(tokens);
    }
}
