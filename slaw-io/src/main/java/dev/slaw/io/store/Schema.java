package dev.slaw.io.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The store's own tables: a catalogue of imported datasets and the saved fits. */
final class Schema {

    static final String DATASETS = "slaw_datasets";
    static final String FITS = "fits";

    private Schema() {
    }

    static void ensure(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + DATASETS + " (name VARCHAR PRIMARY KEY, source VARCHAR,"
                    + " rows BIGINT, columns VARCHAR, labels VARCHAR, grp VARCHAR, recipe VARCHAR, notes VARCHAR,"
                    + " imported TIMESTAMP, fingerprint VARCHAR, data_table VARCHAR)");
            s.execute("CREATE SEQUENCE IF NOT EXISTS fit_ids START 1");
            s.execute("CREATE TABLE IF NOT EXISTS " + FITS + " (id BIGINT PRIMARY KEY DEFAULT nextval('fit_ids'),"
                    + " dataset VARCHAR NOT NULL, law VARCHAR NOT NULL, created TIMESTAMP NOT NULL,"
                    + " fingerprint VARCHAR, json VARCHAR NOT NULL)");
        }
    }

    /** The table holding a dataset's rows. */
    static String dataTable(String name) {
        return "dataset_" + name;
    }
}
