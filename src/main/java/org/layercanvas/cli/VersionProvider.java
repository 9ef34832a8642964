package org.layercanvas.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven stamped into the build. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties props = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/org/layercanvas/version.properties")) {
            if (in != null) {
                props.load(in);
            }
        }
        return new String[] {"LayerCanvas " + props.getProperty("version", "(development build)"),
            "Java " + System.getProperty("java.version")};
    }
}
