package dev.assay.metric.privacy;

import org.apache.commons.validator.routines.CreditCardValidator;
import org.apache.commons.validator.routines.CreditCardValidator.CreditCardRange;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Payment card numbers (primary account numbers, PANs). A value is one when:
 * <ol>
 * <li>its shape is a printed PAN: 12 to 19 digits, either run together or in groups separated by one kind of
 * separator (space, hyphen or dot) where every group but the last has 4 to 6 digits, as cards and receipts print
 * them: 4-4-4-4, Amex 4-6-5, Diners 4-6-4, 19 digits as 4-4-4-4-3 or 6-13;</li>
 * <li>with the separators stripped, its length and issuer prefix fall in one network's range of {@link #RANGES};</li>
 * <li>its last digit is the Luhn check digit (ISO/IEC 7812-1, Annex B).</li>
 * </ol>
 * The prefix and Luhn checks are Apache Commons Validator's {@link CreditCardValidator} over the ranges below.
 * Test numbers the networks publish (4111 1111 1111 1111) pass: they have the shape, the prefix and the
 * check digit of a real card, and a column of them is treated as one of card numbers.
 */
public final class PaymentCards {

    /**
     * One network's issuer identification numbers: PANs whose leading digits lie from {@code low} to
     * {@code high} (both inclusive, compared on as many digits as each has), in one of {@code lengths}.
     */
    public record IssuerRange(String network, String low, String high, List<Integer> lengths) {

        public IssuerRange {
            lengths = List.copyOf(lengths);
        }

        CreditCardRange range() {
            return new CreditCardRange(low, high, lengths.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /**
     * The networks' IIN ranges and PAN lengths, as the networks publish them (Visa, Mastercard's 2-series of
     * 2016, American Express, the Discover Global Network's IIN table, which also lists Diners Club International,
     * JCB and UnionPay, Mastercard's Maestro, NSPK's Mir), cross-checked against the table of Wikipedia's "Payment
     * card number". ISO/IEC 7812-1 allows PANs of up to 19 digits. Order matters only for naming the network:
     * Discover's 622126-622925 lies inside UnionPay's 62 and is listed first.
     */
    public static final List<IssuerRange> RANGES = List.of(
            new IssuerRange("Visa", "4", null, List.of(13, 16, 19)),
            new IssuerRange("Mastercard", "51", "55", List.of(16)),
            new IssuerRange("Mastercard", "2221", "2720", List.of(16)),
            new IssuerRange("American Express", "34", null, List.of(15)),
            new IssuerRange("American Express", "37", null, List.of(15)),
            new IssuerRange("Discover", "6011", null, lengths(16, 19)),
            new IssuerRange("Discover", "644", "649", lengths(16, 19)),
            new IssuerRange("Discover", "65", null, lengths(16, 19)),
            new IssuerRange("Discover", "622126", "622925", lengths(16, 19)),
            new IssuerRange("JCB", "3528", "3589", lengths(16, 19)),
            new IssuerRange("Diners Club", "300", "305", lengths(14, 19)),
            new IssuerRange("Diners Club", "3095", null, lengths(14, 19)),
            new IssuerRange("Diners Club", "36", null, lengths(14, 19)),
            new IssuerRange("Diners Club", "38", "39", lengths(14, 19)),
            new IssuerRange("UnionPay", "62", null, lengths(16, 19)),
            new IssuerRange("Maestro", "5018", null, lengths(12, 19)),
            new IssuerRange("Maestro", "5020", null, lengths(12, 19)),
            new IssuerRange("Maestro", "5038", null, lengths(12, 19)),
            new IssuerRange("Maestro", "5893", null, lengths(12, 19)),
            new IssuerRange("Maestro", "6304", null, lengths(12, 19)),
            new IssuerRange("Maestro", "6759", null, lengths(12, 19)),
            new IssuerRange("Maestro", "6761", "6763", lengths(12, 19)),
            new IssuerRange("Mir", "2200", "2204", lengths(16, 19)));

    /**
     * Digits in groups: the first groups 4-6 digits long, one separator kind throughout (the back-reference),
     * or 12-19 digits run together. The digit count is checked after stripping.
     */
    public static final Pattern SHAPE = Pattern.compile("\\d{12,19}|\\d{4,6}([ .-])(\\d{4,6}\\1)*\\d{1,13}");

    /** All ranges at once: one digit pattern, one Luhn check, for the many values that are no card. */
    private static final CreditCardValidator ANY = new CreditCardValidator(RANGES.stream().map(IssuerRange::range)
            .toArray(CreditCardRange[]::new));

    private static final List<Network> NETWORKS = RANGES.stream()
            .map(r -> new Network(r.network(), new CreditCardValidator(new CreditCardRange[] {r.range()}))).toList();

    private record Network(String name, CreditCardValidator validator) {
    }

    private PaymentCards() {
    }

    private static String digits(String value) {
        return value.replaceAll("[ .-]", "");
    }

    private static List<Integer> lengths(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }

    /**
     * Whether a value is printed like a card number (see the class comment), 12 to 19 digits; says nothing of
     * its validity. The digit count is part of the claim so that a short grouped number ("1234.56") stays free
     * for the recognizers after this one.
     */
    public static boolean claims(String value) {
        if (!SHAPE.matcher(value).matches()) {
            return false;
        }
        int digits = digits(value).length();
        return digits >= 12 && digits <= 19;
    }

    /** Whether a value printed like a card number is one: length, issuer range and Luhn check digit. */
    public static boolean valid(String value) {
        return claims(value) && ANY.isValid(digits(value));
    }

    /** The network whose range and length a card number (separators allowed) falls in, its Luhn check digit right. */
    public static Optional<String> network(String value) {
        if (!valid(value)) {
            return Optional.empty();
        }
        String digits = digits(value);
        return NETWORKS.stream().filter(n -> n.validator().isValid(digits)).map(Network::name).findFirst();
    }
}
