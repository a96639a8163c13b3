package dev.assay.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/** {@code POST /api/v1/policies/{id}/backtest}: every latest audit's decision before and with the pack. */
@JsonbPropertyOrder({"policy", "changed", "audits"})
public record BacktestView(PolicyRef policy, int changed, List<Line> audits) {

    public BacktestView {
        audits = List.copyOf(audits);
    }

    @JsonbPropertyOrder({"audit", "model", "version", "before", "after", "changed"})
    public record Line(String audit, String model, String version, String before, String after, boolean changed) {
    }
}
