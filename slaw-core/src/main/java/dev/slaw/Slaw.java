package dev.slaw;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Facts about this build of slaw, for provenance records. */
public final class Slaw {
    private static final String VERSION = readVersion();

    private Slaw() {
    }

    /** The slaw version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return VERSION;
    }

    private static String readVersion() {
        try (InputStream in = Slaw.class.getResourceAsStream("/dev/slaw/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
