package dev.assay.report;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmallCellsTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text.replace('\'', '"'))).readObject();
    }

    @Test
    void aGroupOfFewerThanFiveRowsShowsNoValueAndSaysWhy() {
        JsonObject small = json("{'metric':'selection_rate','scope':'race','group':'X','value':0.3333,'ci':[0.06,0.79],'n':3,"
                + "'reported':0.33,'test':{'name':'z','p':0.2},'note':'1 of 3'}");
        JsonObject shown = SmallCells.suppress(small);
        assertTrue(shown.isNull("value") && shown.isNull("ci"));
        assertFalse(shown.containsKey("reported") || shown.containsKey("test") || shown.containsKey("note"), shown.toString());
        assertEquals(SmallCells.SUPPRESSED, shown.getString("undefined"));
        assertEquals(3, shown.getInt("n"), "the count stays: it says why");
        assertEquals(shown, SmallCells.suppress(shown), "suppressing twice changes nothing");
    }

    @Test
    void largeGroupsEmptyGroupsAndWholeDatasetValuesStay() {
        JsonObject five = json("{'metric':'selection_rate','scope':'race','group':'Y','value':0.4,'ci':[0.1,0.8],'n':5}");
        JsonObject empty = json("{'metric':'selection_rate','scope':'race','group':'Z','value':null,'ci':null,'n':0,'undefined':'no rows'}");
        JsonObject columns = json("{'metric':'drift_share','scope':null,'group':null,'value':0.5,'ci':null,'n':2}");
        assertSame(five, SmallCells.suppress(five));
        assertSame(empty, SmallCells.suppress(empty));
        assertSame(columns, SmallCells.suppress(columns), "n counts columns here, not people");
    }
}
