package dev.assay.demo;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Synthetic loan applications with a model's decisions, the same for the same seed. Each applicant
 * gets a repayment score drawn around a group mean; the model approves when the score is at least
 * 0.5, so a group's approval rate is Phi((mean - 0.5) / 0.15). A biased model lowers one group's
 * mean; a fair one does not.
 */
public final class LoanApplications {

    /** Group means of the score, by race, for a model version. */
    public record Bias(double asian, double black, double hispanic, double white, double nativeAmerican) {
    }

    /** 1.0.0: Black applicants' scores are pulled down (approval rate ~0.30 against ~0.63). */
    public static final Bias BIASED = new Bias(0.555, 0.42, 0.53, 0.55, 0.50);
    /** 1.1.0: every group's mean within 0.01 of the others. */
    public static final Bias FAIR = new Bias(0.55, 0.545, 0.545, 0.55, 0.55);

    public static final String HEADER = "applicant_id,sex,race,age,income,score,approved,repaid";

    private LoanApplications() {
    }

    /**
     * Writes {@code rows} applications as CSV. {@code smallGroupRows} applicants of a fifth, small
     * group ("Native American") are added, to show how Assay treats too little data.
     */
    public static void write(Writer out, long rows, int smallGroupRows, Bias bias, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        out.write(HEADER);
        out.write('\n');
        StringBuilder line = new StringBuilder(96);
        for (long i = 0; i < rows + smallGroupRows; i++) {
            String race;
            double mean;
            if (i >= rows) {
                race = "Native American";
                mean = bias.nativeAmerican();
            } else {
                double r = random.nextDouble();
                if (r < 0.45) {
                    race = "White";
                    mean = bias.white();
                } else if (r < 0.70) {
                    race = "Black";
                    mean = bias.black();
                } else if (r < 0.90) {
                    race = "Hispanic";
                    mean = bias.hispanic();
                } else {
                    race = "Asian";
                    mean = bias.asian();
                }
            }
            String sex = random.nextDouble() < 0.5 ? "Female" : "Male";
            int age = 21 + random.nextInt(50);
            long income = Math.round(Math.exp(10.6 + 0.5 * gaussian(random)) / 100) * 100;
            double score = Math.min(1, Math.max(0, mean + 0.15 * gaussian(random)));
            int approved = score >= 0.5 ? 1 : 0;
            int repaid = random.nextDouble() < 0.45 - 0.5 * (score - 0.5) ? 0 : 1;
            line.setLength(0);
            line.append(i + 1).append(',').append(sex).append(',').append(race).append(',').append(age).append(',')
                    .append(income).append(',').append(String.format(Locale.ROOT, "%.4f", score)).append(',')
                    .append(approved).append(',').append(repaid).append('\n');
            out.append(line);
        }
    }

    /** The header of a day's production log: the evaluation columns with the decision's time, without the outcome. */
    public static final String PRODUCTION_HEADER = "applicant_id,decided_at,sex,race,age,income,score,approved";

    /**
     * The day after which production drifts: from then on Black applicants' scores sink by 0.01 a day
     * (the approval rate of the group from about 0.6 to under 0.4 by day 20), a slow change for monitoring
     * to find; every other group stays as in {@link #FAIR}.
     */
    public static final int DRIFT_AFTER_DAY = 10;

    /**
     * One day of 1.1.0's production decisions as CSV: {@code rows} applications timed evenly over
     * {@code day} (UTC), ids {@code p<day>-<n>} unique across days, the model scoring as {@link #FAIR}
     * until {@link #DRIFT_AFTER_DAY} and drifting after it.
     *
     * @param dayIndex the day's place in the traffic, from 0
     */
    public static void writeProductionDay(Writer out, java.time.LocalDate day, int dayIndex, int rows, long seed)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed + dayIndex);
        out.write(PRODUCTION_HEADER);
        out.write('\n');
        java.time.Instant start = day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        double black = FAIR.black() - 0.01 * Math.max(0, dayIndex - DRIFT_AFTER_DAY);
        for (int i = 0; i < rows; i++) {
            double r = random.nextDouble();
            String race = r < 0.45 ? "White" : r < 0.70 ? "Black" : r < 0.90 ? "Hispanic" : "Asian";
            double mean = switch (race) {
                case "Black" -> black;
                case "Hispanic" -> FAIR.hispanic();
                case "Asian" -> FAIR.asian();
                default -> FAIR.white();
            };
            String sex = random.nextDouble() < 0.5 ? "Female" : "Male";
            int age = 21 + random.nextInt(50);
            long income = Math.round(Math.exp(10.6 + 0.5 * gaussian(random)) / 100) * 100;
            double score = Math.min(1, Math.max(0, mean + 0.15 * gaussian(random)));
            java.time.Instant at = start.plusMillis(86_400_000L * i / rows);
            out.append(productionId(dayIndex, i)).append(',').append(at.toString()).append(',').append(sex).append(',')
                    .append(race).append(',').append(String.valueOf(age)).append(',').append(String.valueOf(income)).append(',')
                    .append(String.format(Locale.ROOT, "%.4f", score)).append(',').append(score >= 0.5 ? "1" : "0").append('\n');
        }
    }

    /**
     * The outcomes of one day's applications as they come back later (the feedback loop): ids and {@code repaid},
     * repayment as likely as in the evaluation data for the same score; {@code share} of the day's applications.
     */
    public static void writeOutcomesOfDay(Writer out, int dayIndex, int rows, double share, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed * 31 + dayIndex);
        out.write("applicant_id,repaid\n");
        for (int i = 0; i < rows; i++) {
            if (random.nextDouble() < share) {
                out.append(productionId(dayIndex, i)).append(',').append(random.nextDouble() < 0.55 ? "1" : "0").append('\n');
            }
        }
    }

    private static String productionId(int dayIndex, int i) {
        return "p" + dayIndex + "-" + (i + 1);
    }

    /** Box-Muller: SplittableRandom has no nextGaussian on Java 17. */
    private static double gaussian(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
