package dev.assay.metric.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A reference's columns typed by the cluster read as an upload's typed by DuckDB (the names the families test). */
class SparkTypeNamesTest {

    @Test
    void sparkTypesReadAsDuckDbNamesTheSameParquetTypes() {
        assertEquals("VARCHAR", SparkEngine.typeName("string"));
        assertEquals("VARCHAR", SparkEngine.typeName("varchar(10)"));
        assertEquals("VARCHAR", SparkEngine.typeName("char(2)"));
        assertEquals("BIGINT", SparkEngine.typeName("bigint"));
        assertEquals("INTEGER", SparkEngine.typeName("int"));
        assertEquals("SMALLINT", SparkEngine.typeName("smallint"));
        assertEquals("TINYINT", SparkEngine.typeName("tinyint"));
        assertEquals("DOUBLE", SparkEngine.typeName("double"));
        assertEquals("FLOAT", SparkEngine.typeName("float"));
        assertEquals("BOOLEAN", SparkEngine.typeName("boolean"));
        assertEquals("DATE", SparkEngine.typeName("date"));
        assertEquals("TIMESTAMP WITH TIME ZONE", SparkEngine.typeName("timestamp"));
        assertEquals("TIMESTAMP", SparkEngine.typeName("timestamp_ntz"));
        assertEquals("DECIMAL(18,3)", SparkEngine.typeName("decimal(18,3)"));
        assertEquals("BLOB", SparkEngine.typeName("binary"));
        assertEquals("ARRAY<INT>", SparkEngine.typeName("array<int>"));
    }
}
