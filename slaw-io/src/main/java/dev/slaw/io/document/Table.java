package dev.slaw.io.document;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of a result: a header and rows of cells already formatted for reading, shown as
 * aligned columns under the header (terminal listings) or as CSV (for a spreadsheet or a script).
 *
 * @param header the column names
 * @param rows   the cells of each row, as text; a row may be shorter than the header
 */
public record Table(List<String> header, List<List<String>> rows) {
    public Table {
        header = List.copyOf(header);
        List<List<String>> copy = new ArrayList<>(rows.size());
        rows.forEach(r -> copy.add(List.copyOf(r)));
        rows = List.copyOf(copy);
    }

    /** The rows as aligned columns two spaces apart under the header and a rule, each line ending with a line break. */
    public String text() {
        int[] widths = new int[header.size()];
        for (int c = 0; c < header.size(); c++) {
            widths[c] = header.get(c).length();
        }
        for (List<String> row : rows) {
            for (int c = 0; c < row.size() && c < widths.length; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, widths);
        List<String> rule = new ArrayList<>();
        for (int w : widths) {
            rule.add("-".repeat(w));
        }
        line(out, rule, widths);
        for (List<String> row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    /** The table as CSV (RFC 4180 quoting), each line ending with a line break. */
    public String csv() {
        StringBuilder out = new StringBuilder();
        csvLine(out, header);
        rows.forEach(r -> csvLine(out, r));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                out.append("  ");
            }
            String cell = cells.get(c);
            out.append(cell);
            // the last cell is not padded, so lines carry no trailing blanks
            if (c < cells.size() - 1) {
                out.append(" ".repeat(Math.max(0, widths[c] - cell.length())));
            }
        }
        out.append('\n');
    }

    private static void csvLine(StringBuilder out, List<String> cells) {
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                out.append(',');
            }
            String cell = cells.get(c) == null ? "" : cells.get(c);
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
                out.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                out.append(cell);
            }
        }
        out.append('\n');
    }
}
