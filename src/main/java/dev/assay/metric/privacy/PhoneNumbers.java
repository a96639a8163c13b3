package dev.assay.metric.privacy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.assay.metric.MetricParameters;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Phone numbers, validated against the numbering plans of Google's libphonenumber (ITU-T E.164 country codes,
 * each country's national plan as published to the ITU). The region policy:
 * <ul>
 * <li>a value that starts with {@code +} is read as an international number and is one when it is a valid
 * number of the country its code names, whichever country that is;</li>
 * <li>any other value is read in the national format of each region of {@code regions} in turn (ISO 3166-1
 * alpha-2 codes; {@link #DEFAULT_REGIONS} unless the audit names others), and is one when it is valid in one
 * of them; international dialling prefixes of those regions ("011 44 ..." from the US) are understood;</li>
 * <li>the whole value must be the number: digits and the separators people print, an extension such as
 * "x12" after them; the plan of the region decides how many digits a valid number has;</li>
 * <li>whatever the regions, a decimal amount (digits, one '.' or ',', digits: "48250.75") and a zero-padded
 * code of bare digits ("000123456") are not phone numbers: some plans have valid numbers of those digits
 * (48250.75 is a valid number in Estonia), and a person writing a dialling prefix writes it as + or grouped.</li>
 * </ul>
 * Epoch milliseconds (13 bare digits) and other long bare digit runs are claimed by {@link PaymentCards} first
 * (see {@link PiiRecognizers#precedence()}); 1700000000000 is, besides, a valid number in no region's plan.
 *
 * Constructing one with a region libphonenumber has no plan for throws IllegalArgumentException.
 *
 * @param regions regions whose national formats are read, ISO 3166-1 alpha-2 (upper or lower case)
 */
public record PhoneNumbers(List<String> regions) {

    /**
     * The United States: Assay's built-in packs (EEOC four-fifths, NYC LL144) and sample data are American,
     * and each added region makes more bare digit strings valid somewhere. Numbers written with + are read
     * for every country whatever the list.
     */
    public static final List<String> DEFAULT_REGIONS = MetricParameters.DEFAULT_PHONE_REGIONS;

    // Before DEFAULT: its constructor reads it.
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    public static final PhoneNumbers DEFAULT = new PhoneNumbers(DEFAULT_REGIONS);

    /**
     * Digits with the separators people print (space, '.', '-', '/', parentheses), an optional leading +,
     * an optional extension; how many digits a number has is the plans' to check.
     */
    public static final Pattern SHAPE = Pattern.compile(
            "\\+?[0-9(][0-9 ().\\-/]{4,}[0-9)]( ?(ext\\.?|x|#) ?\\d{1,7})?", Pattern.CASE_INSENSITIVE);

    private static final Pattern DECIMAL = Pattern.compile("-?\\d+[.,]\\d+");
    private static final Pattern ZERO_PADDED = Pattern.compile("00\\d*");

    public PhoneNumbers {
        regions = regions.stream().map(r -> r.strip().toUpperCase(Locale.ROOT)).distinct().toList();
        for (String region : regions) {
            if (!UTIL.getSupportedRegions().contains(region)) {
                throw new IllegalArgumentException("no numbering plan for region '" + region
                        + "': use an ISO 3166-1 alpha-2 code such as US, GB, DE");
            }
        }
    }

    /** Whether a value is printed like a phone number; says nothing of its validity. */
    public boolean claims(String value) {
        return SHAPE.matcher(value).matches();
    }

    /** Whether a value is a valid phone number under this policy (see the class comment). */
    public boolean valid(String value) {
        if (!claims(value) || DECIMAL.matcher(value).matches() || ZERO_PADDED.matcher(value).matches()) {
            return false;
        }
        if (value.startsWith("+")) {
            // "ZZ": no default region, so only the number's own country code decides.
            return validIn(value, "ZZ");
        }
        return regions.stream().anyMatch(region -> validIn(value, region));
    }

    /**
     * libphonenumber's parse and validity check. The shape has already made sure the whole value is the number;
     * its matcher ({@code findNumbers}) would also check digit grouping, at three to four times the cost per
     * value, which a 10,000-value sample of every text column pays.
     */
    private static boolean validIn(String value, String region) {
        try {
            return UTIL.isValidNumber(UTIL.parse(value, region));
        } catch (NumberParseException e) {
            return false;
        }
    }
}
