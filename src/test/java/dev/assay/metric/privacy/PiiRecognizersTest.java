package dev.assay.metric.privacy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each recognizer: what its shape claims, what its check accepts and rejects, and the order they are tried in. */
class PiiRecognizersTest {

    private static final PiiRecognizers DEFAULT = PiiRecognizers.DEFAULT;

    private static Optional<String> recognize(String value) {
        return DEFAULT.recognize(value);
    }

    @Test
    void precedenceIsExplicit() {
        assertEquals(List.of("EMAIL_ADDRESS", "IBAN_CODE", "IP_ADDRESS", "US_SSN", "DATE_TIME", "CREDIT_CARD", "PHONE_NUMBER"),
                DEFAULT.precedence().stream().map(PiiRecognizers.Recognizer::entity).toList());
    }

    @Test
    void cardNumbersInAnyPrintedGroupingWithTheirNetwork() {
        assertEquals(Optional.of("Visa"), PaymentCards.network("4111 1111 1111 1111"));
        assertEquals(Optional.of("Visa"), PaymentCards.network("4111-1111-1111-1111"));
        assertEquals(Optional.of("Visa"), PaymentCards.network("4111.1111.1111.1111"));
        assertEquals(Optional.of("Visa"), PaymentCards.network("4111111111111111"));
        assertEquals(Optional.of("Visa"), PaymentCards.network("4222222222222"), "13 digits");
        assertEquals(Optional.of("Visa"), PaymentCards.network("4111 1111 1111 1111 003"), "19 digits as 4-4-4-4-3");
        assertEquals(Optional.of("Mastercard"), PaymentCards.network("5555 5555 5555 4444"));
        assertEquals(Optional.of("Mastercard"), PaymentCards.network("2223 0000 4841 0010"), "2-series");
        assertEquals(Optional.of("Mastercard"), PaymentCards.network("2221 0000 0000 0009"), "2-series, first");
        assertEquals(Optional.of("Mastercard"), PaymentCards.network("2720 9900 0000 0007"), "2-series, last (272099)");
        assertEquals(Optional.of("American Express"), PaymentCards.network("3782 822463 10005"), "4-6-5");
        assertEquals(Optional.of("American Express"), PaymentCards.network("371449635398431"));
        assertEquals(Optional.of("Discover"), PaymentCards.network("6011 1111 1111 1117"));
        assertEquals(Optional.of("Discover"), PaymentCards.network("6221 2600 0000 0000"), "co-branded range inside UnionPay's 62");
        assertEquals(Optional.of("JCB"), PaymentCards.network("3530 1113 3330 0000"));
        assertEquals(Optional.of("Diners Club"), PaymentCards.network("3056 930902 5904"), "14 digits as 4-6-4");
        assertEquals(Optional.of("UnionPay"), PaymentCards.network("6200 0000 0000 0005"));
        assertEquals(Optional.of("UnionPay"), PaymentCards.network("620550 0000000000004"), "19 digits as 6-13");
        assertEquals(Optional.of("Maestro"), PaymentCards.network("6759 6498 2643 8453"));
        assertEquals(Optional.of("Maestro"), PaymentCards.network("675900000000"), "12 digits");
        assertEquals(Optional.of("Mir"), PaymentCards.network("2200 0000 0000 0004"));
        assertEquals(Optional.of("CREDIT_CARD"), recognize(" 4111 1111 1111 1111 "));
    }

    @Test
    void cardNumbersFailingLengthPrefixOrLuhnAreNone() {
        assertEquals(Optional.empty(), PaymentCards.network("4111 1111 1111 1112"), "Luhn");
        assertEquals(Optional.empty(), PaymentCards.network("1700000000004"), "Luhn holds, no network issues under 1");
        assertEquals(Optional.empty(), PaymentCards.network("3782822463100003"), "Luhn holds, Amex has 15 digits");
        assertEquals(Optional.empty(), PaymentCards.network("5555555555554444000"), "Luhn holds, Mastercard has 16 digits");
        assertEquals(Optional.empty(), PaymentCards.network("2721 0000 0000 0004"), "Luhn holds, past Mastercard's 2720");
        assertEquals(Optional.empty(), PaymentCards.network("2220 9900 0000 0002"), "Luhn holds, before Mastercard's 2221");
        assertEquals(Optional.empty(), PaymentCards.network("2205 0000 0000 0009"), "Luhn holds, past Mir's 2204");
        assertEquals(Optional.empty(), PaymentCards.network("4111 1111-1111 1111"), "one separator kind");
        assertEquals(Optional.empty(), PaymentCards.network("41 1111 1111 1111 11"), "a first group of 2");
        assertEquals(Optional.empty(), PaymentCards.network("000123456789"), "zero-padded product code");
        assertFalse(PaymentCards.claims("1234.56"), "too few digits to be claimed");
        assertFalse(PaymentCards.claims("12345678901234567890"), "20 digits");
    }

    @Test
    void phoneNumbersWithACountryCodeAreReadForEveryCountry() {
        assertEquals(Optional.of("PHONE_NUMBER"), recognize("+1 212-555-0100"));
        assertEquals(Optional.of("PHONE_NUMBER"), recognize("+1 (650) 253-0000"));
        assertEquals(Optional.of("PHONE_NUMBER"), recognize("+14155552671"));
        assertEquals(Optional.of("PHONE_NUMBER"), recognize("+44 20 7946 0018"));
        assertEquals(Optional.of("PHONE_NUMBER"), recognize("+33 1 42 68 53 00"));
        assertEquals(Optional.of("PHONE_NUMBER"), recognize("+49 30 901820"));
        assertEquals(Optional.of("PHONE_NUMBER"), recognize("+12125550100x12"), "with an extension");
        assertEquals(Optional.empty(), recognize("+1 700 000 0000"), "no such NANP area code");
        assertEquals(Optional.empty(), recognize("+999 1234 5678"), "no such country code");
    }

    @Test
    void nationalFormatsAreReadForTheConfiguredRegionsOnly() {
        assertEquals(List.of("US"), PhoneNumbers.DEFAULT.regions());
        for (String us : List.of("212-555-0100", "(212) 555-0100", "212.555.0100", "2125550100", "1-415-555-2671",
                "650-253-0000 ext. 123", "011 44 20 7946 0018")) {
            assertEquals(Optional.of("PHONE_NUMBER"), recognize(us), us);
        }
        assertEquals(Optional.empty(), recognize("020 7946 0018"), "a London number in national format, region US");
        assertEquals(Optional.empty(), recognize("01 42 68 53 00"), "a Paris number in national format, region US");
        assertEquals(Optional.empty(), recognize("555-0100"), "no area code");

        PiiRecognizers europe = PiiRecognizers.forPhoneRegions(List.of("gb", "FR"));
        assertEquals(List.of("GB", "FR"), new PhoneNumbers(List.of("gb", "FR")).regions());
        assertEquals(Optional.of("PHONE_NUMBER"), europe.recognize("020 7946 0018"));
        assertEquals(Optional.of("PHONE_NUMBER"), europe.recognize("01 42 68 53 00"));
        assertEquals(Optional.of("PHONE_NUMBER"), europe.recognize("0049 30 901820"), "an international prefix of GB and FR");
        assertEquals(Optional.empty(), europe.recognize("212-555-0100"), "not a US region any more");
        assertEquals(Optional.of("PHONE_NUMBER"), europe.recognize("+1 212-555-0100"));

        var e = assertThrows(IllegalArgumentException.class, () -> PiiRecognizers.forPhoneRegions(List.of("XX")));
        assertTrue(e.getMessage().contains("'XX'"), e.getMessage());
    }

    @Test
    void productCodesAmountsAndEpochTimesAreNotPhoneNumbers() {
        PhoneNumbers estonia = new PhoneNumbers(List.of("US", "EE"));
        assertFalse(estonia.valid("48250.75"), "a decimal amount, though 4825075 is a valid Estonian number");
        assertTrue(estonia.valid("482 5075"), "the same digits grouped as a number");
        assertFalse(estonia.valid("000123456789"), "zero-padded");
        assertFalse(estonia.valid("000123456"), "zero-padded");
        assertFalse(estonia.valid("1700000000000"), "epoch milliseconds");
        assertFalse(PhoneNumbers.DEFAULT.valid("1700000000"), "epoch seconds: area codes start 2-9");
        for (String value : List.of("000123456789", "48250.75", "1700000000000", "1700000000", "1700000000004")) {
            assertEquals(Optional.empty(), recognize(value), value);
            assertEquals(Optional.empty(), PiiRecognizers.forPhoneRegions(List.of("US", "EE")).recognize(value), value);
        }
        assertEquals(Optional.of("CREDIT_CARD"), DEFAULT.claimant("1700000000000"), "long bare digit runs are the card recognizer's");
    }

    @Test
    void aValueOneRecognizerRejectsIsNotClaimedByALooserOne() {
        // "011 44 20 7946 0018" from the US, written without spaces: 15 bare digits, a valid phone number read
        // alone, but printed like a card number, and no network issues under 0.
        String dialled = "011442079460018";
        assertTrue(PhoneNumbers.DEFAULT.valid(dialled));
        assertEquals(Optional.of("CREDIT_CARD"), DEFAULT.claimant(dialled));
        assertEquals(Optional.empty(), recognize(dialled));

        // A 16-digit card number with a wrong check digit is not then a phone number.
        assertEquals(Optional.of("CREDIT_CARD"), DEFAULT.claimant("4111111111111112"));
        assertEquals(Optional.empty(), recognize("4111111111111112"));
        assertEquals(Optional.empty(), recognize("4111 1111 1111 1112"));

        // Shapes of an SSN, a date and an IPv4 address with impossible values stay unrecognized.
        assertEquals(Optional.of("US_SSN"), DEFAULT.claimant("000-12-3456"));
        assertEquals(Optional.empty(), recognize("000-12-3456"));
        assertEquals(Optional.of("DATE_TIME"), DEFAULT.claimant("1985-02-30"));
        assertEquals(Optional.empty(), recognize("1985-02-30"));
        assertEquals(Optional.of("IP_ADDRESS"), DEFAULT.claimant("999.1.1.1"));
        assertEquals(Optional.empty(), recognize("999.1.1.1"));
    }

    @Test
    void emailAddressesHaveAValidDomain() {
        assertEquals(Optional.of("EMAIL_ADDRESS"), recognize("jane.doe@example.org"));
        assertEquals(Optional.of("EMAIL_ADDRESS"), recognize("j.o'neil+assay@mail.example.co.uk"));
        assertEquals(Optional.empty(), recognize("jane@localhost"), "no top-level domain");
        assertEquals(Optional.empty(), recognize("jane@example.notatld"), "not in the IANA root zone");
        assertEquals(Optional.empty(), recognize("jane..doe@example.org"), "two dots in a row");
        assertEquals(Optional.empty(), recognize("jane@-example.org"), "a label starting with a hyphen");
        assertEquals(Optional.empty(), recognize("@example.org"));
    }

    @Test
    void ibansHaveTheirCountrysFormatAndCheckDigits() {
        assertEquals(Optional.of("IBAN_CODE"), recognize("GB82 WEST 1234 5698 7654 32"));
        assertEquals(Optional.of("IBAN_CODE"), recognize("GB82WEST12345698765432"));
        assertEquals(Optional.of("IBAN_CODE"), recognize("DE89 3704 0044 0532 0130 00"));
        assertEquals(Optional.empty(), recognize("GB82 WEST 1234 5698 7654 33"), "mod-97");
        assertEquals(Optional.empty(), recognize("DE51 3704 0044 0532 0130 0"), "mod-97 holds, Germany's IBANs have 22 characters");
        assertEquals(Optional.empty(), recognize("QQ44 WEST 1234 5698 7654 32"), "mod-97 holds, but QQ is no IBAN country");
    }

    @Test
    void ipAddressesAreValidV4OrV6() {
        assertEquals(Optional.of("IP_ADDRESS"), recognize("192.168.10.1"));
        assertEquals(Optional.of("IP_ADDRESS"), recognize("2001:db8::1"));
        assertEquals(Optional.of("IP_ADDRESS"), recognize("::1"));
        assertEquals(Optional.of("IP_ADDRESS"), recognize("2001:0db8:0000:0000:0000:ff00:0042:8329"));
        assertEquals(Optional.empty(), recognize("256.1.1.1"));
        assertEquals(Optional.empty(), recognize("2001:db8::1::2"), "two '::'");
        assertEquals(Optional.empty(), recognize("10:30:00"), "a time");
    }

    @Test
    void ssnsTheSsaCouldHaveIssued() {
        assertEquals(Optional.of("US_SSN"), recognize("123-45-6789"));
        for (String never : List.of("000-12-3456", "666-12-3456", "912-12-3456", "123-00-4567", "123-45-0000", "078-05-1120")) {
            assertEquals(Optional.empty(), recognize(never), never);
        }
    }

    @Test
    void datesAreCalendarDates() {
        assertEquals(Optional.of("DATE_TIME"), recognize("1985-04-12"));
        assertEquals(Optional.of("DATE_TIME"), recognize("12.04.1985"));
        assertEquals(Optional.of("DATE_TIME"), recognize("04/12/1985"));
        assertEquals(Optional.of("DATE_TIME"), recognize("12/31/1985"), "month first");
        assertEquals(Optional.of("DATE_TIME"), recognize("2000-02-29"), "a leap day");
        assertEquals(Optional.empty(), recognize("1900-02-29"), "1900 was no leap year");
        assertEquals(Optional.empty(), recognize("31.02.1985"));
        assertEquals(Optional.empty(), recognize("13/13/1985"));
        assertEquals(Optional.empty(), recognize("0001-01-01"), "a placeholder");
        assertEquals(Optional.empty(), recognize("9999-12-31"), "a placeholder");
    }

    @Test
    void otherValuesAreNone() {
        for (String value : List.of("Caucasian", "Felony", "", "   ", "42", "1.5", "2013-01-01 00:00:00", "x".repeat(300) + "@example.org")) {
            assertEquals(Optional.empty(), recognize(value), value);
        }
        assertEquals(Optional.empty(), recognize(null));
    }
}
