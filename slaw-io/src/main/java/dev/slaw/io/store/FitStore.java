package dev.slaw.io.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slaw.data.BadInputException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fits saved beside the data, with their provenance, in the store's table
 * {@code fits(id, dataset, law, created, fingerprint, json)}, so a team can see what was
 * fitted on what:
 *
 * <pre>
 * try (FitStore fits = FitStore.open(Path.of("slaw.duckdb"))) {
 *     long id = fits.save("ladder", "chinchilla", dataset.fingerprint(names), fit.toJson());
 * }
 * </pre>
 */
public final class FitStore implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Connection connection;
    /** The store this opened and closes, or null for a view of a store someone else closes. */
    private final RunStore owned;

    FitStore(Path file, Connection connection, RunStore owned) {
        this.file = file;
        this.connection = connection;
        this.owned = owned;
    }

    /** Opens the fits of a store file, creating the file when it does not exist. */
    public static FitStore open(Path file) {
        RunStore store = RunStore.open(file);
        return new FitStore(file, store.connection(), store);
    }

    /**
     * Saves a fit.
     *
     * @param datasetName the dataset it was fitted on
     * @param lawName     the law (a catalogue name or a formula)
     * @param fingerprint the fingerprint of the rows used
     * @param fitJson     the fit as JSON
     * @return the fit's id in the store
     * @throws IllegalArgumentException when {@code fitJson} is not JSON (a programming error)
     */
    public long save(String datasetName, String lawName, String fingerprint, String fitJson) {
        try {
            JSON.readTree(fitJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("fit JSON does not parse: " + e.getOriginalMessage(), e);
        }
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO " + Schema.FITS
                + " (dataset, law, created, fingerprint, json) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
            p.setString(1, datasetName);
            p.setString(2, lawName);
            p.setTimestamp(3, Timestamp.valueOf(LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC)));
            p.setString(4, fingerprint);
            p.setString(5, fitJson);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new BadInputException(file + ": cannot save the fit: " + DuckDb.firstLine(e), e);
        }
    }

    /** Every saved fit, oldest first. */
    public List<SavedFit> list() {
        return select("");
    }

    /** The fits of one dataset, oldest first. */
    public List<SavedFit> forDataset(String datasetName) {
        return select(" WHERE dataset = " + DuckDb.literal(datasetName));
    }

    public Optional<SavedFit> get(long id) {
        List<SavedFit> found = select(" WHERE id = " + id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * Removes a saved fit.
     *
     * @return the fit removed
     * @throws BadInputException when no fit has that id
     */
    public SavedFit remove(long id) {
        SavedFit fit = get(id).orElseThrow(() -> new BadInputException("no fit with id " + id + " in " + file));
        try (Statement s = connection.createStatement()) {
            s.execute("DELETE FROM " + Schema.FITS + " WHERE id = " + id);
        } catch (SQLException e) {
            throw new BadInputException(file + ": cannot remove fit " + id + ": " + DuckDb.firstLine(e), e);
        }
        return fit;
    }

    private List<SavedFit> select(String where) {
        List<SavedFit> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, dataset, law, created, fingerprint, json FROM " + Schema.FITS
                     + where + " ORDER BY id")) {
            while (rs.next()) {
                out.add(new SavedFit(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toLocalDateTime().toInstant(ZoneOffset.UTC), rs.getString(5),
                        rs.getString(6)));
            }
        } catch (SQLException e) {
            throw new BadInputException(file + ": cannot read the fits: " + DuckDb.firstLine(e), e);
        }
        return out;
    }

    /** Closes the connection when this store opened it; a view from {@link RunStore#fits()} leaves it open. */
    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }
}
