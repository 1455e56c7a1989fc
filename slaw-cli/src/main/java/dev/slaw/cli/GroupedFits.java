package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.GroupFitter;
import dev.slaw.fit.GroupedFit;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.table.NumberFormat;

import java.util.List;
import java.util.Optional;

/**
 * The command line's side of grouped fits: fitting per group when the data name a group column
 * ({@code --group}), and choosing a group by {@code GROUP=VALUE}.
 */
final class GroupedFits {
    private GroupedFits() {
    }

    /**
     * The grouped fit of prepared data when the recipe names a group column, else empty.
     *
     * @throws BadInputException when parameters are shared but there are no groups
     */
    static Optional<GroupedFit> fitIfGrouped(LoadedDataset loaded, FitCommand.FitSettings.Prepared prepared,
                                             List<String> shared) {
        if (loaded.group().isEmpty()) {
            if (!shared.isEmpty()) {
                throw new BadInputException("--shared " + String.join(",", shared)
                        + " shares parameters across groups: name the group column with --group COLUMN");
            }
            return Optional.empty();
        }
        String column = loaded.group().get();
        String[] groups = groupOfRows(loaded, prepared.data());
        if (shared.isEmpty()) {
            return Optional.of(GroupFitter.fitSeparately(prepared.law(), prepared.data(), column, groups,
                    prepared.target(), prepared.options()));
        }
        return Optional.of(GroupFitter.fitShared(prepared.law(), prepared.data(), column, groups, prepared.target(),
                prepared.options(), shared));
    }

    /** Each row's group, for rows of the loaded data (or a subset of its rows). */
    static String[] groupOfRows(LoadedDataset loaded, Dataset rows) {
        return new LoadedDataset(rows, loaded.notes(), loaded.group(), loaded.recipe(), loaded.sourceRows())
                .groupValues().orElseThrow();
    }

    /**
     * The group named among {@code VAR=VALUE} assignments ({@code peak_lr=0.002}), removed from
     * them; the value as written, or in the canonical form a numeric group column uses.
     *
     * @throws BadInputException naming the groups when none is named or the named one is not there
     */
    static String chooseGroup(GroupedFit grouped, List<String> assignments) {
        String prefix = grouped.groupColumn() + "=";
        for (int i = 0; i < assignments.size(); i++) {
            String a = assignments.get(i);
            if (a.startsWith(prefix)) {
                assignments.remove(i);
                String value = a.substring(prefix.length()).strip();
                if (grouped.fits().containsKey(value)) {
                    return value;
                }
                try {
                    String canonical = NumberFormat.canonical(Double.parseDouble(value));
                    if (grouped.fits().containsKey(canonical)) {
                        return canonical;
                    }
                } catch (NumberFormatException notANumber) {
                    // a text group: the value as written was the only candidate
                }
                grouped.fit(value); // throws, naming the groups
            }
        }
        throw new BadInputException(grouped.chooseGroupMessage());
    }
}
