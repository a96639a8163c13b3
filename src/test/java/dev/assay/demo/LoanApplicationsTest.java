package dev.assay.demo;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoanApplicationsTest {

    private static String generate(LoanApplications.Bias bias, long seed) throws Exception {
        StringWriter w = new StringWriter();
        LoanApplications.write(w, 4000, 25, bias, seed);
        return w.toString();
    }

    @Test
    void sameSeedSameBytes() throws Exception {
        assertEquals(generate(LoanApplications.BIASED, 1), generate(LoanApplications.BIASED, 1));
        assertNotEquals(generate(LoanApplications.BIASED, 1), generate(LoanApplications.BIASED, 2));
    }

    @Test
    void biasedVersionApprovesBlackApplicantsFarLessOften() throws Exception {
        String[] lines = generate(LoanApplications.BIASED, 1001).split("\n");
        assertEquals(LoanApplications.HEADER, lines[0]);
        assertEquals(4026, lines.length);
        long black = 0;
        long blackApproved = 0;
        long white = 0;
        long whiteApproved = 0;
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            if (f[2].equals("Black")) {
                black++;
                blackApproved += f[6].equals("1") ? 1 : 0;
            } else if (f[2].equals("White")) {
                white++;
                whiteApproved += f[6].equals("1") ? 1 : 0;
            }
        }
        double ratio = ((double) blackApproved / black) / ((double) whiteApproved / white);
        assertTrue(ratio < 0.6, "ratio " + ratio);
    }
}
