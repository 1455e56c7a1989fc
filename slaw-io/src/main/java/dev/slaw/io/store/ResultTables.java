package dev.slaw.io.store;

import dev.slaw.io.table.ColumnBuilder;
import dev.slaw.io.table.NumberParser;
import dev.slaw.io.table.RawTable;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Turns a JDBC result into a {@link RawTable}: numeric SQL types to numbers, the rest to text. */
final class ResultTables {

    private ResultTables() {
    }

    /**
     * Reads every row.
     *
     * @param rowColumn the name of a column holding source row numbers (not made a column), or
     *                  null to number rows from 1
     */
    static RawTable read(ResultSet rs, String source, String rowColumn) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<ColumnBuilder> builders = new ArrayList<>();
        int[] kinds = new int[n + 1];
        int rowIndex = -1;
        for (int c = 1; c <= n; c++) {
            String name = meta.getColumnLabel(c);
            if (name.equals(rowColumn)) {
                rowIndex = c;
                continue;
            }
            kinds[c] = kind(meta.getColumnType(c));
            builders.add(new ColumnBuilder(name));
        }
        NumberParser parser = new NumberParser();
        int[] rowNumbers = new int[1024];
        int rows = 0;
        while (rs.next()) {
            int row = rowIndex > 0 ? rs.getInt(rowIndex) : rows + 1;
            int b = 0;
            for (int c = 1; c <= n; c++) {
                if (c == rowIndex) {
                    continue;
                }
                ColumnBuilder builder = builders.get(b++);
                switch (kinds[c]) {
                    case NUMBER -> {
                        double v = rs.getDouble(c);
                        if (rs.wasNull()) {
                            builder.addMissing();
                        } else {
                            builder.addNumber(v);
                        }
                    }
                    case BOOLEAN -> {
                        boolean v = rs.getBoolean(c);
                        if (rs.wasNull()) {
                            builder.addMissing();
                        } else {
                            builder.addNumber(v ? 1 : 0);
                        }
                    }
                    default -> {
                        String v = rs.getString(c);
                        if (v == null) {
                            builder.addMissing();
                        } else {
                            builder.addText(v, row, parser);
                        }
                    }
                }
            }
            if (rows == rowNumbers.length) {
                rowNumbers = Arrays.copyOf(rowNumbers, rows * 2);
            }
            rowNumbers[rows++] = row;
        }
        return RawTable.of(source, builders, Arrays.copyOf(rowNumbers, rows), List.of());
    }

    private static final int NUMBER = 1;
    private static final int BOOLEAN = 2;
    private static final int TEXT = 3;

    private static int kind(int sqlType) {
        return switch (sqlType) {
            case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT,
                 Types.DECIMAL, Types.NUMERIC -> NUMBER;
            case Types.BOOLEAN, Types.BIT -> BOOLEAN;
            default -> TEXT;
        };
    }
}
