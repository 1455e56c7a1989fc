package dev.slaw.io.fit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slaw.data.BadInputException;
import dev.slaw.fit.Fit;
import dev.slaw.fit.GroupedFit;
import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link GroupedFit} as JSON and back: {@code grouped_by}, the {@code shared} parameters, each
 * group's whole fit (in {@link FitJson}'s format) and, when parameters were shared, the
 * {@code joint} fit. The file also carries {@code slaw_fit}, so a command that reads one fit
 * names the groups instead of calling the file malformed.
 */
public final class GroupedFitJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GroupedFitJson() {
    }

    /** The grouped fit as pretty-printed JSON text. */
    public static String write(GroupedFit grouped) {
        return document(grouped).toString();
    }

    /** The grouped fit as a JSON document. */
    public static JsonObject document(GroupedFit grouped) {
        JsonObject root = new JsonObject();
        root.put("slaw_fit", FitJson.FORMAT);
        root.put("grouped_by", grouped.groupColumn());
        root.putTexts("shared", grouped.shared());
        JsonArray groups = root.putArray("groups");
        grouped.fits().forEach((g, f) -> groups.addObject().put("group", g).put("fit", FitJson.document(f)));
        if (grouped.joint() != null) {
            root.put("joint", FitJson.document(grouped.joint()));
        }
        root.putTexts("warnings", grouped.warnings());
        return root;
    }

    /** Writes the grouped fit to a file atomically. */
    public static void save(GroupedFit grouped, Path file) throws IOException {
        FitJson.saveText(write(grouped), file);
    }

    /** Whether this JSON text is a grouped fit (not JSON at all counts as no). */
    public static boolean isGrouped(String json) {
        try {
            return isGrouped(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** Whether the file holds a grouped fit; false for a missing or unreadable file (loading it says why). */
    public static boolean isGroupedFile(Path file) {
        try {
            return Files.isRegularFile(file) && isGrouped(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return false;
        }
    }

    static boolean isGrouped(JsonNode root) {
        return root != null && root.has("slaw_fit") && root.has("grouped_by") && root.has("groups");
    }

    /** What to say when one fit was expected and the file is grouped: the column and the groups. */
    static String chooseGroupMessage(JsonNode root) {
        String column = root.get("grouped_by").asText();
        List<String> groups = new ArrayList<>();
        root.get("groups").forEach(g -> groups.add(g.path("group").asText()));
        return "a grouped fit (one fit per " + column + "); this command takes one fit: choose a group with "
                + column + "=VALUE where the command accepts it (groups: " + String.join(", ", groups) + ")";
    }

    /**
     * Reads a grouped fit file.
     *
     * @throws BadInputException naming the file when it is missing, not JSON or not a grouped fit
     */
    public static GroupedFit load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such fit file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return read(text, file.toString());
    }

    /** Reads a grouped fit from JSON text; {@code source} names it in errors. */
    public static GroupedFit read(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + ": not JSON (line " + e.getLocation().getLineNr() + ")");
        }
        if (!isGrouped(root)) {
            throw new BadInputException(source + ": not a grouped slaw fit (no \"grouped_by\" and \"groups\" fields)");
        }
        try {
            Map<String, Fit> fits = new LinkedHashMap<>();
            for (JsonNode g : root.get("groups")) {
                fits.put(g.get("group").asText(), FitJson.fromTree(g.get("fit")));
            }
            List<String> shared = new ArrayList<>();
            root.path("shared").forEach(s -> shared.add(s.asText()));
            Fit joint = root.hasNonNull("joint") ? FitJson.fromTree(root.get("joint")) : null;
            return new GroupedFit(root.get("grouped_by").asText(), fits, shared, joint);
        } catch (RuntimeException e) {
            if (e instanceof BadInputException) {
                throw e;
            }
            throw new BadInputException(source + ": malformed grouped slaw fit (" + e.getMessage() + ")");
        }
    }
}
