package dev.assay.report;

import dev.assay.failure.FieldError;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * How values are rounded for reporting, when an audit asks (NYC LL144 bias audits publish impact
 * ratios rounded, commonly to two or three decimals): each value gets a {@code reported} twin,
 * rounded by this rule. Rules are always evaluated on the exact {@code value}, never on the
 * rounded one, so rounding can never turn a failure into a pass.
 */
public record Rounding(int decimals, RoundingMode mode) {

    /** From an audit request's {@code "rounding": {"decimals": 2, "mode": "half_up" | "half_even" | "down"}}; null when absent. */
    public static Rounding parse(JsonValue json, List<FieldError> errors) {
        if (json == null || json == JsonValue.NULL) {
            return null;
        }
        if (!(json instanceof JsonObject o)) {
            errors.add(FieldError.at("/rounding", "must be an object such as {\"decimals\": 2, \"mode\": \"half_up\"}"));
            return null;
        }
        int decimals = 2;
        if (o.get("decimals") instanceof JsonNumber n && n.isIntegral()
                && n.bigDecimalValue().compareTo(BigDecimal.ZERO) >= 0 && n.bigDecimalValue().compareTo(BigDecimal.valueOf(12)) <= 0) {
            decimals = n.intValue();
        } else {
            errors.add(FieldError.at("/rounding/decimals", "is required: a whole number from 0 to 12"));
        }
        RoundingMode mode = RoundingMode.HALF_UP;
        JsonValue m = o.get("mode");
        if (m instanceof JsonString s) {
            switch (s.getString()) {
                case "half_up" -> mode = RoundingMode.HALF_UP;
                case "half_even" -> mode = RoundingMode.HALF_EVEN;
                case "down" -> mode = RoundingMode.DOWN;
                default -> errors.add(FieldError.at("/rounding/mode", "must be half_up, half_even or down"));
            }
        } else if (m != null) {
            errors.add(FieldError.at("/rounding/mode", "must be half_up, half_even or down"));
        }
        return new Rounding(decimals, mode);
    }

    public JsonObject toJson() {
        return Json.createObjectBuilder().add("decimals", decimals).add("mode", mode.name().toLowerCase(Locale.ROOT)).build();
    }

    /** Rounds the decimal the value prints as (so 0.125 is 0.125, not its binary neighbour). */
    public BigDecimal apply(double value) {
        return new BigDecimal(Double.toString(value)).setScale(decimals, mode);
    }

    /** The object with {@code reported} beside a numeric {@code value}; others unchanged. */
    public JsonObject annotate(JsonObject valued) {
        return valued.get("value") instanceof JsonNumber n
                ? Json.createObjectBuilder(valued).add("reported", apply(n.doubleValue())).build()
                : valued;
    }
}
