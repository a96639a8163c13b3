package dev.assay.metric.privacy;

import org.apache.commons.validator.routines.EmailValidator;
import org.apache.commons.validator.routines.IBANValidator;
import org.apache.commons.validator.routines.InetAddressValidator;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Validating recognizers of personal data in string values, in the spirit of Microsoft Presidio: a shape
 * claims a value, a validator decides whether it is one. Recognizers are tried in {@link #precedence()} order
 * and the first whose shape claims a value decides alone: a value it rejects is no personal data, and is not
 * offered to the looser recognizers after it (a 16-digit number failing Luhn is not then a phone number).
 * Values are only tested, never kept.
 *
 * <p>Recognized kinds (Presidio's entity names), each shape and its check:
 * <ul>
 * <li>{@code EMAIL_ADDRESS}: anything with one '@'; Commons Validator's {@link EmailValidator}: RFC 5321/5322
 * local part and domain syntax, a top-level domain in the IANA root zone (no bare host names);</li>
 * <li>{@code IBAN_CODE}: two capitals, two digits, 11-30 letters or digits, single spaces allowed (ISO 13616's
 * paper format); Commons Validator's {@link IBANValidator}: the country's registered length and format (SWIFT's
 * IBAN registry) and the ISO 7064 mod-97 check digits;</li>
 * <li>{@code IP_ADDRESS}: four dotted groups of 1-3 digits, or hex groups with two or more ':'; Commons
 * Validator's {@link InetAddressValidator}: IPv4 octets 0-255 (RFC 791), IPv6 as RFC 4291 section 2.2 writes it;</li>
 * <li>{@code US_SSN}: ddd-dd-dddd; the SSA's never-issued numbers are rejected (below);</li>
 * <li>{@code DATE_TIME}: yyyy-MM-dd, dd.MM.yyyy, dd/MM/yyyy or MM/dd/yyyy; a real calendar date (ISO 8601,
 * java.time's strict resolver: no 31 February) of a year 1900-2099, since placeholder dates such as 0001-01-01
 * or 9999-12-31 describe no one;</li>
 * <li>{@code CREDIT_CARD}: {@link PaymentCards} (printed grouping, IIN range and length, Luhn);</li>
 * <li>{@code PHONE_NUMBER}: {@link PhoneNumbers} (libphonenumber's numbering plans; the region policy there).</li>
 * </ul>
 *
 * @param precedence the recognizers, tried in this order (most specific shape first)
 */
public record PiiRecognizers(List<Recognizer> precedence) {

    /**
     * One kind of personal data: the shape that claims a value for it and the check that accepts it.
     * Both are given the value without surrounding white space.
     */
    public record Recognizer(String entity, Predicate<String> claims, Predicate<String> valid) {
    }

    /**
     * Values longer than this are not scanned: no recognized kind is longer (an e-mail address is at most 254
     * characters, RFC 5321 section 4.5.3.1.3), and free text is not what these recognizers read.
     */
    public static final int LONGEST = 254;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern IBAN = Pattern.compile("[A-Z]{2}\\d{2}( ?[A-Z0-9]){11,30}");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");
    private static final Pattern SSN = Pattern.compile("(\\d{3})-(\\d{2})-(\\d{4})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}|\\d{2}\\.\\d{2}\\.\\d{4}|\\d{2}/\\d{2}/\\d{4}");
    private static final List<DateTimeFormatter> DATE_FORMATS = List.of("uuuu-MM-dd", "dd.MM.uuuu", "dd/MM/uuuu", "MM/dd/uuuu")
            .stream().map(f -> DateTimeFormatter.ofPattern(f).withResolverStyle(ResolverStyle.STRICT)).toList();

    /**
     * Numbers the SSA voided after they were printed on sample cards and used by thousands (078-05-1120, the
     * Woolworth wallet card; SSA, "Social Security Cards Issued by Woolworth").
     */
    private static final Set<String> VOIDED_SSNS = Set.of("078-05-1120");

    /** The recognizers with {@link PhoneNumbers#DEFAULT_REGIONS} (after the patterns it is built of). */
    public static final PiiRecognizers DEFAULT = forPhoneRegions(PhoneNumbers.DEFAULT_REGIONS);

    public PiiRecognizers {
        precedence = List.copyOf(precedence);
    }

    /**
     * The recognizers in their order: e-mail, IBAN, IP address, US SSN, date, payment card, phone number. Each
     * shape that comes earlier is narrower than the ones after it, so the order only matters where shapes
     * overlap, and there the narrower shape's verdict is the right one: "4111 1111 1111 1112" is a card number
     * with a wrong check digit, not a phone number; "1985-02-30" is a wrong date; "999.1.1.1" a wrong address.
     *
     * @param phoneRegions regions whose national phone formats are read (see {@link PhoneNumbers})
     * @throws IllegalArgumentException for a region libphonenumber has no plan for
     */
    public static PiiRecognizers forPhoneRegions(List<String> phoneRegions) {
        PhoneNumbers phones = new PhoneNumbers(phoneRegions);
        EmailValidator email = EmailValidator.getInstance(false, false);
        InetAddressValidator ip = InetAddressValidator.getInstance();
        return new PiiRecognizers(List.of(
                new Recognizer("EMAIL_ADDRESS", shape(EMAIL), email::isValid),
                new Recognizer("IBAN_CODE", shape(IBAN), v -> IBANValidator.getInstance().isValid(v.replace(" ", ""))),
                new Recognizer("IP_ADDRESS", shape(IPV4).or(shape(IPV6)), ip::isValid),
                new Recognizer("US_SSN", shape(SSN), PiiRecognizers::validSsn),
                new Recognizer("DATE_TIME", shape(DATE), PiiRecognizers::validDate),
                new Recognizer("CREDIT_CARD", PaymentCards::claims, PaymentCards::valid),
                new Recognizer("PHONE_NUMBER", phones::claims, phones::valid)));
    }

    private static Predicate<String> shape(Pattern pattern) {
        return v -> pattern.matcher(v).matches();
    }

    /**
     * The entity a value is recognized as: the verdict of the first recognizer whose shape claims it (empty
     * when it rejects the value, or when none claims it). Null, blank and over-long values are none.
     */
    public Optional<String> recognize(String value) {
        if (value == null || value.isBlank() || value.length() > LONGEST) {
            return Optional.empty();
        }
        String v = value.strip();
        return precedence.stream().filter(r -> r.claims().test(v)).findFirst().filter(r -> r.valid().test(v))
                .map(Recognizer::entity);
    }

    /** The recognizer whose shape claims a value first, whether or not it then accepts it. */
    public Optional<String> claimant(String value) {
        String v = value.strip();
        return precedence.stream().filter(r -> r.claims().test(v)).findFirst().map(Recognizer::entity);
    }

    /**
     * A US social security number the SSA could have issued: area 000, 666 and 900-999, group 00 and serial
     * 0000 never are (SSA, "Social Security Number Randomization", 2011), nor voided numbers.
     */
    static boolean validSsn(String v) {
        var m = SSN.matcher(v);
        if (!m.matches() || VOIDED_SSNS.contains(v)) {
            return false;
        }
        int area = Integer.parseInt(m.group(1));
        return area != 0 && area != 666 && area < 900 && !m.group(2).equals("00") && !m.group(3).equals("0000");
    }

    /** A calendar date in one of the accepted layouts, of a year 1900-2099. */
    static boolean validDate(String v) {
        for (DateTimeFormatter format : DATE_FORMATS) {
            try {
                int year = LocalDate.parse(v, format).getYear();
                if (year >= 1900 && year <= 2099) {
                    return true;
                }
            } catch (DateTimeParseException e) {
                // not a date in this layout: try the next one
            }
        }
        return false;
    }
}
