package dev.assay.metric.privacy;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Validating recognizers of personal data in string values, in the spirit of Microsoft Presidio: a
 * pattern finds candidates, a check rejects look-alikes (Luhn for payment cards, ISO 13616 mod-97 for
 * IBANs, the SSA's invalid ranges for US social security numbers). Values are only tested, never kept.
 */
public final class PiiRecognizers {

    /** One kind of personal data and how to recognize a value of it. */
    public record Recognizer(String entity, Pattern pattern, Predicate<String> valid) {

        public boolean matches(String value) {
            String v = value.strip();
            return pattern.matcher(v).matches() && valid.test(v);
        }
    }

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,24}");
    private static final Pattern PHONE = Pattern.compile("\\+?\\(?\\d{1,4}\\)?[ .-]?\\(?\\d{2,4}\\)?([ .-]?\\d{2,4}){2,3}");
    private static final Pattern SSN = Pattern.compile("(\\d{3})-(\\d{2})-(\\d{4})");
    private static final Pattern CARD = Pattern.compile("\\d{4}([ -]?\\d{4}){2}[ -]?\\d{1,7}");
    private static final Pattern IBAN = Pattern.compile("[A-Z]{2}\\d{2}( ?[A-Z0-9]{4}){2,7}( ?[A-Z0-9]{1,4})?");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
    private static final Pattern IPV6 = Pattern.compile("([0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|([0-9A-Fa-f]{1,4}:){1,7}:|"
            + "([0-9A-Fa-f]{1,4}:){1,6}(:[0-9A-Fa-f]{1,4}){1,6}|::([0-9A-Fa-f]{1,4}:){0,6}[0-9A-Fa-f]{1,4}");
    private static final Pattern DATE = Pattern.compile("(19|20)\\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])|"
            + "(0[1-9]|[12]\\d|3[01])[./](0[1-9]|1[0-2])[./](19|20)\\d{2}|(0[1-9]|1[0-2])/(0[1-9]|[12]\\d|3[01])/(19|20)\\d{2}");

    public static final List<Recognizer> ALL = List.of(
            new Recognizer("EMAIL_ADDRESS", EMAIL, v -> true),
            new Recognizer("US_SSN", SSN, PiiRecognizers::validSsn),
            new Recognizer("CREDIT_CARD", CARD, v -> luhn(v.replaceAll("[ -]", ""))),
            new Recognizer("IBAN_CODE", IBAN, v -> mod97(v.replace(" ", ""))),
            new Recognizer("IP_ADDRESS", IPV4, v -> true),
            new Recognizer("IP_ADDRESS", IPV6, v -> v.contains(":")),
            new Recognizer("DATE_TIME", DATE, v -> true),
            new Recognizer("PHONE_NUMBER", PHONE, v -> v.replaceAll("\\D", "").length() >= 7
                    && v.replaceAll("\\D", "").length() <= 15 && !DATE.matcher(v).matches()));

    private PiiRecognizers() {
    }

    /** The entity a value is recognized as, if any. */
    public static Optional<String> recognize(String value) {
        if (value == null || value.isBlank() || value.length() > 100) {
            return Optional.empty();
        }
        return ALL.stream().filter(r -> r.matches(value)).map(Recognizer::entity).findFirst();
    }

    /** Area 000, 666 and 900-999, group 00 and serial 0000 are never issued (SSA). */
    static boolean validSsn(String v) {
        var m = SSN.matcher(v);
        if (!m.matches()) {
            return false;
        }
        int area = Integer.parseInt(m.group(1));
        return area != 0 && area != 666 && area < 900 && !m.group(2).equals("00") && !m.group(3).equals("0000");
    }

    static boolean luhn(String digits) {
        if (digits.length() < 13 || digits.length() > 19 || !digits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** ISO 13616: move the first four characters to the end, letters to 10-35, the number mod 97 is 1. */
    static boolean mod97(String iban) {
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (char ch : rearranged.toCharArray()) {
            int value = Character.isDigit(ch) ? ch - '0' : Character.isLetter(ch) ? ch - 'A' + 10 : -1;
            if (value < 0) {
                return false;
            }
            remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder == 1;
    }
}
